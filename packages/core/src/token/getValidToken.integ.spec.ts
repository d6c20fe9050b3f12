import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ServiceError, SsoCredsError, TokenError } from "../errors.js";
import { lockPathFor, withLock } from "../fs/withLock.js";
import { tokenCachePath } from "../paths/index.js";
import { startEmulator, type Emulator, type MintedToken, type MintTokenOptions } from "@sso-creds/emulator";
import { leaked, spendRefreshToken, tokenSecrets } from "../test-support/emulatorSessions.js";
import { isoSeconds, modeOf, sha256File, testSession } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import type { SsoToken } from "../types.js";
import { getValidToken } from "./getValidToken.js";
import { serializeToken } from "./serializeToken.js";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const MIN = 60_000;
const session = testSession("my-sso");

describe("getValidToken (refresh through SSO-OIDC CreateToken)", { timeout: 60_000 }, () => {
  let sso: Emulator;
  let t: TempHome;
  let path: string;
  beforeAll(async () => (sso = await startEmulator({ port: 0, autoApprove: true, now: () => NOW, accessTokenTtlSeconds: 8 * 3600 })));
  afterAll(() => sso.close());
  beforeEach(async () => {
    t = await createTempHome({ now: NOW });
    path = tokenCachePath(t.deps, session);
  });
  afterEach(() => t.cleanup());

  const plant = async (token: SsoToken) => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, serializeToken(token), { mode: 0o600 });
    return sha256File(path);
  };
  /** A token the emulator issued (as after a login), expiring `ttlMs` after NOW. */
  const mint = (ttlMs: number, options: MintTokenOptions = {}): MintedToken & SsoToken => ({ ...sso.mintToken({ accessTokenTtlSeconds: ttlMs / 1000, ...options }) });
  /** One whose refresh token another client already used: the emulator refuses it now (rotation). */
  const mintSpent = async (ttlMs: number): Promise<MintedToken & SsoToken> => {
    const token = mint(ttlMs);
    await spendRefreshToken(sso.url, token);
    return token;
  };
  const calls = () => sso.stats().CreateToken ?? 0;
  const opts = () => ({ oidcEndpoint: sso.url });

  it("returns a token with more than 15 minutes left without any call", async () => {
    const minted = mint(16 * MIN);
    await plant(minted);
    const before = calls();
    expect((await getValidToken(t.deps, session, opts())).accessToken).toBe(minted.accessToken);
    expect(calls()).toBe(before);
  });

  it("refreshes inside the window, rotates the refresh token and writes the CLI's layout atomically", async () => {
    const minted = mint(10 * MIN);
    await plant({ ...minted, futureField: "kept" });
    const before = calls();
    const token = await getValidToken(t.deps, session, opts());
    expect(calls()).toBe(before + 1);
    expect(token.accessToken).not.toBe(minted.accessToken);
    expect(token.refreshToken).toMatch(/^aor/);
    expect(token.refreshToken).not.toBe(minted.refreshToken);
    expect(token.expiresAt).toBe(isoSeconds(NOW + 8 * 3600_000));
    const onDisk = await readFile(path, "utf8");
    expect(JSON.parse(onDisk)).toEqual(token);
    expect(Object.keys(JSON.parse(onDisk) as object)).toEqual([
      "startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken", "futureField",
    ]);
    expect(onDisk).toBe(serializeToken(token));
    expect(await modeOf(path)).toBe(0o600);
    // The second call finds the fresh token and stays off the network.
    await getValidToken(t.deps, session, opts());
    expect(calls()).toBe(before + 1);
  });

  it("drops refreshToken when the response has none, as botocore does", async () => {
    // An OAuth server may answer a refresh without a new refresh token (facts §5.1: botocore then writes none).
    const plain = await startEmulator({ port: 0, autoApprove: true, now: () => NOW, rotateRefreshToken: false });
    try {
      const minted = { ...plain.mintToken({ accessTokenTtlSeconds: (10 * MIN) / 1000 }) } as MintedToken & SsoToken;
      await plant(minted);
      const token = await getValidToken(t.deps, session, { oidcEndpoint: plain.url });
      expect(plain.stats().CreateToken).toBe(1);
      expect(token.accessToken).not.toBe(minted.accessToken);
      expect(token).not.toHaveProperty("refreshToken");
      const onDisk = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
      expect(onDisk).not.toHaveProperty("refreshToken");
      expect(onDisk.accessToken).toBe(token.accessToken);
    } finally {
      await plain.close();
    }
  });

  it("keeps a still-valid token byte-identical when the refresh fails (5xx after retries)", async () => {
    const minted = mint(10 * MIN);
    const hash = await plant(minted);
    sso.failNext("CreateToken", 3, { status: 500, type: "InternalServerException" });
    const seen: SsoCredsError[] = [];
    const before = calls();
    const token = await getValidToken(t.deps, session, { ...opts(), onRefreshError: (e) => seen.push(e) });
    expect(calls()).toBe(before + 3);
    expect(token.accessToken).toBe(minted.accessToken);
    expect(await sha256File(path)).toBe(hash);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(ServiceError);
    expect(seen[0]!.message).toBe("SSO-OIDC failed to refresh the SSO token for sso-session my-sso: InternalServerException (HTTP 500).");
  });

  it("keeps a still-valid token when the refresh token was revoked (InvalidGrantException)", async () => {
    const minted = await mintSpent(10 * MIN);
    const hash = await plant(minted);
    const seen: SsoCredsError[] = [];
    const token = await getValidToken(t.deps, session, { ...opts(), onRefreshError: (e) => seen.push(e) });
    expect(token.accessToken).toBe(minted.accessToken);
    expect(await sha256File(path)).toBe(hash);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(TokenError);
    expect(seen[0]!.code).toBe("RefreshTokenRejected");
    expect(leaked(`${seen[0]!.message} ${seen[0]!.fix ?? ""}`, tokenSecrets(minted))).toEqual([]);
  });

  it("expired token and revoked refresh token: a clear TokenError with the login fix, file untouched", async () => {
    const minted = await mintSpent(-MIN);
    const hash = await plant(minted);
    const err = (await getValidToken(t.deps, session, opts()).catch((e: unknown) => e)) as TokenError;
    expect(err).toBeInstanceOf(TokenError);
    expect(err.code).toBe("RefreshTokenRejected");
    expect(err.message).toBe("The refresh token for sso-session my-sso was rejected (rotated or revoked); sign in again.");
    expect(err.fix).toBe("sso login --sso-session my-sso");
    expect(tokenSecrets(minted)).toHaveLength(3);
    expect(leaked(err.toUserLine(), tokenSecrets(minted))).toEqual([]);
    expect(await sha256File(path)).toBe(hash);
  });

  it("expired token whose refresh is refused because a peer (botocore) just rotated it: the peer's new token is used", async () => {
    // The peer spent the refresh token; its new token reaches the file 300 ms after our refusal, without our lock.
    const minted = await mintSpent(-MIN);
    await plant(minted);
    const peers = mint(8 * 3600_000);
    const write = new Promise<void>((resolve) => setTimeout(() => void writeFile(path, JSON.stringify(peers)).then(resolve), 300));
    const token = await getValidToken(t.deps, session, opts());
    await write;
    expect(token.accessToken).toBe(peers.accessToken);
    // The same when the peer's write landed before we looked again (and a still valid token uses it too).
    const spent = await mintSpent(10 * MIN);
    await plant(spent);
    sso.failNext("CreateToken", 1, { delayMs: 200 });
    const later = mint(8 * 3600_000);
    setTimeout(() => void writeFile(path, JSON.stringify(later)), 50);
    expect((await getValidToken(t.deps, session, opts())).accessToken).toBe(later.accessToken);
  });

  it("expired token and an unreachable SSO-OIDC: one-line ServiceError, file untouched", async () => {
    const minted = mint(-MIN);
    const hash = await plant(minted);
    const err = (await getValidToken(t.deps, session, { oidcEndpoint: "http://127.0.0.1:9" }).catch((e: unknown) => e)) as ServiceError;
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.message).toMatch(/^Could not reach SSO-OIDC at http:\/\/127\.0\.0\.1:9 to refresh the SSO token for sso-session my-sso: .*ECONNREFUSED.*\.$/);
    expect(err.message).not.toMatch(/[\r\n]/);
    expect(leaked(err.message, tokenSecrets(minted))).toEqual([]);
    expect(await sha256File(path)).toBe(hash);
  });

  it.each([
    ["no refresh token", { refreshToken: undefined }],
    ["no client secret", { clientSecret: undefined }],
    ["an expired registration", { registrationExpiresAt: isoSeconds(NOW - MIN) }],
  ])("expired token with %s: TokenExpired, no call", async (_name, patch) => {
    const hash = await plant({ ...mint(-MIN), ...patch } as SsoToken);
    const before = calls();
    const err = (await getValidToken(t.deps, session, opts()).catch((e: unknown) => e)) as TokenError;
    expect(err.code).toBe("TokenExpired");
    expect(err.message).toBe("The SSO token for sso-session my-sso expired at 2026-11-22T11:59:00Z; it cannot be refreshed.");
    expect(err.fix).toBe("sso login --sso-session my-sso");
    expect(calls()).toBe(before);
    expect(await sha256File(path)).toBe(hash);
  });

  it("a token inside the window that cannot be refreshed is still used while valid", async () => {
    const minted = mint(3 * MIN, { withRefreshToken: false });
    await plant(minted);
    const before = calls();
    expect((await getValidToken(t.deps, session, opts())).accessToken).toBe(minted.accessToken);
    expect(calls()).toBe(before);
  });

  it("forceRefresh refreshes a token with hours left", async () => {
    const minted = mint(5 * 3600_000);
    await plant(minted);
    const before = calls();
    const token = await getValidToken(t.deps, session, { ...opts(), forceRefresh: true });
    expect(calls()).toBe(before + 1);
    expect(token.accessToken).not.toBe(minted.accessToken);
  });

  it("re-reads under the lock: a token another process refreshed while we waited is used as is", async () => {
    await plant(mint(5 * MIN));
    const before = calls();
    const fresh = mint(8 * 3600_000);
    let pending!: Promise<SsoToken>;
    await withLock(t.deps, lockPathFor(path), async () => {
      pending = getValidToken(t.deps, session, opts());
      await new Promise((r) => setTimeout(r, 150)); // it has read the old token and now waits for us
      await writeFile(path, serializeToken(fresh));
    });
    expect((await pending).accessToken).toBe(fresh.accessToken);
    expect(calls()).toBe(before);
  });

  it("ten concurrent callers in one process make one CreateToken call", async () => {
    await plant(mint(5 * MIN));
    const before = calls();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => getValidToken(t.deps, session, opts())));
    expect(calls()).toBe(before + 1);
    expect(new Set(tokens.map((x) => x.accessToken)).size).toBe(1);
  });
});
