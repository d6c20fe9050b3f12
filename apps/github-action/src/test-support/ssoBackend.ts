import { randomBytes } from "node:crypto";

/** The part of the emulator contract these tests use. */
export interface SsoBackend {
  url: string;
  /** Which server answered: the tests report it. */
  kind: "emulator" | "core-fake";
  stats(): Record<string, number>;
  reset(): void;
  mintToken(options?: { startUrl?: string; region?: string; accessTokenTtlSeconds?: number; withRefreshToken?: boolean }): MintedToken;
  close(): Promise<void>;
}

export interface MintedToken {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

interface FakeSso {
  url: string;
  stats(): Record<string, number>;
  allowAccessToken(token: string): void;
  allowRefreshToken(token: string): void;
  close(): Promise<void>;
}

const START_URL = "https://d-0123456789.awsapps.com/start";

/**
 * The IAM Identity Center emulator (@sso-creds/emulator) when its build exports startEmulator; until then core's
 * loopback fake that speaks the same wire protocol for GetRoleCredentials and the refresh CreateToken.
 */
export async function startSsoBackend(): Promise<SsoBackend> {
  const emulator = (await import("@sso-creds/emulator").catch(() => ({}))) as { startEmulator?: (o: object) => Promise<Omit<SsoBackend, "kind">> };
  if (typeof emulator.startEmulator === "function") {
    const emu = await emulator.startEmulator({ port: 0, autoApprove: true });
    return Object.assign(emu, { kind: "emulator" as const });
  }
  // Relative import of core's test helper: it is not part of core's published API.
  const fakePath = new URL("../../../../packages/core/src/test-support/fakeSso.ts", import.meta.url).href;
  const { startFakeSso } = (await import(fakePath)) as { startFakeSso: (o: object) => Promise<FakeSso> };
  const fake = await startFakeSso({ roles: { "111111111111": ["AdministratorAccess", "ReadOnlyAccess"], "222222222222": ["ReadOnlyAccess", "Developer"] } });
  let baseline: Record<string, number> = {};
  const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    url: fake.url,
    kind: "core-fake",
    stats: () => Object.fromEntries(Object.entries(fake.stats()).map(([k, v]) => [k, v - (baseline[k] ?? 0)])),
    reset: () => void (baseline = fake.stats()),
    mintToken(options = {}) {
      const accessToken = `aoa-${randomBytes(16).toString("hex")}`;
      fake.allowAccessToken(accessToken);
      const token: MintedToken = {
        startUrl: options.startUrl ?? START_URL,
        region: options.region ?? "us-east-1",
        accessToken,
        expiresAt: iso(Date.now() + (options.accessTokenTtlSeconds ?? 28800) * 1000),
        clientId: `cid-${randomBytes(8).toString("hex")}`,
        clientSecret: `cs-${randomBytes(24).toString("hex")}`,
        registrationExpiresAt: iso(Date.now() + 90 * 86400_000),
      };
      if (options.withRefreshToken !== false) {
        token.refreshToken = `aor-${randomBytes(16).toString("hex")}`;
        fake.allowRefreshToken(token.refreshToken);
      }
      return token;
    },
    close: () => fake.close(),
  };
}
