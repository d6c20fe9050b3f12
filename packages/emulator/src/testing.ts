import { startEmulator } from "./startEmulator.js";
import type { Emulator, EmulatorOptions, MintedToken } from "./types.js";

/** The test runner's hooks (vitest's or node:test's `before`/`after` in the same shape): no runner is imported here. */
export interface TestHooks {
  beforeAll(fn: () => unknown, timeout?: number): void;
  afterAll(fn: () => unknown, timeout?: number): void;
  afterEach(fn: () => unknown, timeout?: number): void;
}

/**
 * One emulator for a spec file: started before its tests (on a free port), reset after each test unless
 * `resetAfterEach: false`, closed after them. The returned object stands for the running emulator:
 * `const emu = useEmulator(vitest, { autoApprove: true })`, then `emu.url`, `emu.mintToken()` inside tests and hooks.
 */
export function useEmulator(hooks: TestHooks, options: EmulatorOptions & { resetAfterEach?: boolean } = {}): Emulator {
  const { resetAfterEach = true, ...emulatorOptions } = options;
  let running: Emulator | undefined;
  hooks.beforeAll(async () => {
    running = await startEmulator({ port: 0, ...emulatorOptions });
  }, 60_000);
  hooks.afterAll(async () => {
    await running?.close();
    running = undefined;
  });
  if (resetAfterEach) hooks.afterEach(() => running?.reset());
  return new Proxy({} as Emulator, {
    get(_target, name) {
      if (!running) throw new Error(`the emulator is not running: use emu.${String(name)} inside a test or hook`);
      const value = Reflect.get(running, name) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(running) : value;
    },
  });
}

/** The values of a token that must never show up in a message or in output. */
export function tokenSecrets(token: Partial<MintedToken>): string[] {
  return [token.accessToken, token.refreshToken, token.clientSecret].filter((s): s is string => typeof s === "string" && s.length > 0);
}

/** Every secret in `secrets` (or a 16-character prefix of one) that appears in `text`. */
export function leaked(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => text.includes(s) || text.includes(s.slice(0, 16)));
}

/**
 * Use a minted token's refresh token once (SSO-OIDC CreateToken on the wire), as another client would: the emulator
 * rotates it, so the token's refreshToken is refused from then on, exactly as the real service refuses a rotated one.
 */
export async function spendRefreshToken(endpoint: string, token: Pick<MintedToken, "clientId" | "clientSecret" | "refreshToken">): Promise<void> {
  const res = await fetch(`${endpoint}/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grantType: "refresh_token", clientId: token.clientId, clientSecret: token.clientSecret, refreshToken: token.refreshToken }),
  });
  if (res.status !== 200) throw new Error(`spending the refresh token: HTTP ${res.status}`);
}

/** Sign out through the portal (SSO Logout on the wire): the token's access token (and its refresh token) stop working. */
export async function signOut(endpoint: string, token: Pick<MintedToken, "accessToken">): Promise<void> {
  const res = await fetch(`${endpoint}/logout`, { method: "POST", headers: { "x-amz-sso_bearer_token": token.accessToken } });
  if (res.status !== 200) throw new Error(`signing out: HTTP ${res.status}`);
}
