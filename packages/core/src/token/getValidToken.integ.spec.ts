import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ServiceError, SsoCredsError, TokenError } from "../errors.js";
import { lockPathFor, withLock } from "../fs/withLock.js";
import { tokenCachePath } from "../paths/index.js";
import { startFakeSso, type FakeSso } from "../test-support/fakeSso.js";
import { SECRETS, isoSeconds, leakedSecrets, modeOf, sha256File, testSession, tokenFixture } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import type { SsoToken } from "../types.js";
import { getValidToken } from "./getValidToken.js";
import { serializeToken } from "./serializeToken.js";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const MIN = 60_000;
const session = testSession("my-sso");

describe("getValidToken (refresh through SSO-OIDC CreateToken)", { timeout: 60_000 }, () => {
  let sso: FakeSso;
  let t: TempHome;
  let path: string;
  beforeAll(async () => (sso = await startFakeSso({ now: () => NOW, accessTokenTtlSeconds: 8 * 3600 })));
  afterAll(() => sso.close());
  beforeEach(async () => {
    t = await createTempHome({ now: NOW });
    path = tokenCachePath(t.deps, session);
    sso.allowRefreshToken(SECRETS.refreshToken);
  });
  afterEach(() => t.cleanup());

  const plant = async (token: SsoToken) => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, serializeToken(token), { mode: 0o600 });
    return sha256File(path);
  };
  const calls = () => sso.stats().CreateToken ?? 0;
  const opts = () => ({ oidcEndpoint: sso.url });

  it("returns a token with more than 15 minutes left without any call", async () => {
    await plant(tokenFixture(NOW, 16 * MIN));
    const before = calls();
    expect((await getValidToken(t.deps, session, opts())).accessToken).toBe(SECRETS.accessToken);
    expect(calls()).toBe(before);
  });

  it("refreshes inside the window, rotates the refresh token and writes the CLI's layout atomically", async () => {
    await plant(tokenFixture(NOW, 10 * MIN, { futureField: "kept" }));
    const before = calls();
    const token = await getValidToken(t.deps, session, opts());
    expect(calls()).toBe(before + 1);
    expect(token.accessToken).not.toBe(SECRETS.accessToken);
    expect(token.refreshToken).toMatch(/^aor-/);
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
    const noRotate = await startFakeSso({ now: () => NOW, rotateRefreshToken: false });
    try {
      noRotate.allowRefreshToken(SECRETS.refreshToken);
      await plant(tokenFixture(NOW, 5 * MIN));
      const token = await getValidToken(t.deps, session, { oidcEndpoint: noRotate.url });
      expect(token.refreshToken).toBeUndefined();
      expect(await readFile(path, "utf8")).not.toContain("refreshToken");
    } finally {
      await noRotate.close();
    }
  });

  it("keeps a still-valid token byte-identical when the refresh fails (5xx after retries)", async () => {
    const hash = await plant(tokenFixture(NOW, 10 * MIN));
    sso.failNext("CreateToken", 3, { status: 500, type: "InternalServerException" });
    const seen: SsoCredsError[] = [];
    const token = await getValidToken(t.deps, session, { ...opts(), onRefreshError: (e) => seen.push(e) });
    expect(token.accessToken).toBe(SECRETS.accessToken);
    expect(await sha256File(path)).toBe(hash);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(ServiceError);
    expect(seen[0]!.message).toBe("SSO-OIDC failed to refresh the SSO token for sso-session my-sso: InternalServerException (HTTP 500).");
  });

  it("keeps a still-valid token when the refresh token was revoked (InvalidGrantException)", async () => {
    const hash = await plant(tokenFixture(NOW, 10 * MIN, { refreshToken: "aor-revoked" }));
    const seen: SsoCredsError[] = [];
    const token = await getValidToken(t.deps, session, { ...opts(), onRefreshError: (e) => seen.push(e) });
    expect(token.accessToken).toBe(SECRETS.accessToken);
    expect(await sha256File(path)).toBe(hash);
    expect(seen[0]).toBeInstanceOf(TokenError);
  });

  it("expired token and revoked refresh token: a clear TokenError with the login fix, file untouched", async () => {
    const hash = await plant(tokenFixture(NOW, -MIN, { refreshToken: SECRETS.refreshToken.replace("aor", "aox") }));
    const err = (await getValidToken(t.deps, session, opts()).catch((e: unknown) => e)) as TokenError;
    expect(err).toBeInstanceOf(TokenError);
    expect(err.code).toBe("RefreshTokenRejected");
    expect(err.message).toBe("The refresh token for sso-session my-sso was rejected (rotated or revoked); sign in again.");
    expect(err.fix).toBe("sso login --sso-session my-sso");
    expect(leakedSecrets(err.toUserLine())).toEqual([]);
    expect(await sha256File(path)).toBe(hash);
  });

  it("expired token and an unreachable SSO-OIDC: one-line ServiceError, file untouched", async () => {
    const hash = await plant(tokenFixture(NOW, -MIN));
    const err = (await getValidToken(t.deps, session, { oidcEndpoint: "http://127.0.0.1:9" }).catch((e: unknown) => e)) as ServiceError;
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.message).toMatch(/^Could not reach SSO-OIDC at http:\/\/127\.0\.0\.1:9 to refresh the SSO token for sso-session my-sso: .*ECONNREFUSED.*\.$/);
    expect(err.message).not.toMatch(/[\r\n]/);
    expect(await sha256File(path)).toBe(hash);
  });

  it.each([
    ["no refresh token", { refreshToken: undefined }],
    ["no client secret", { clientSecret: undefined }],
    ["an expired registration", { registrationExpiresAt: isoSeconds(NOW - MIN) }],
  ])("expired token with %s: TokenExpired, no call", async (_name, patch) => {
    const hash = await plant({ ...tokenFixture(NOW, -MIN), ...patch } as SsoToken);
    const before = calls();
    const err = (await getValidToken(t.deps, session, opts()).catch((e: unknown) => e)) as TokenError;
    expect(err.code).toBe("TokenExpired");
    expect(err.message).toBe("The SSO token for sso-session my-sso expired at 2026-11-22T11:59:00Z; it cannot be refreshed.");
    expect(err.fix).toBe("sso login --sso-session my-sso");
    expect(calls()).toBe(before);
    expect(await sha256File(path)).toBe(hash);
  });

  it("a token inside the window that cannot be refreshed is still used while valid", async () => {
    await plant({ ...tokenFixture(NOW, 3 * MIN), refreshToken: undefined } as SsoToken);
    const before = calls();
    expect((await getValidToken(t.deps, session, opts())).accessToken).toBe(SECRETS.accessToken);
    expect(calls()).toBe(before);
  });

  it("forceRefresh refreshes a token with hours left", async () => {
    await plant(tokenFixture(NOW, 5 * 3600_000));
    const before = calls();
    const token = await getValidToken(t.deps, session, { ...opts(), forceRefresh: true });
    expect(calls()).toBe(before + 1);
    expect(token.accessToken).not.toBe(SECRETS.accessToken);
  });

  it("re-reads under the lock: a token another process refreshed while we waited is used as is", async () => {
    await plant(tokenFixture(NOW, 5 * MIN));
    const before = calls();
    const fresh = tokenFixture(NOW, 8 * 3600_000, { accessToken: "aoa-refreshed-by-someone-else" });
    let pending!: Promise<SsoToken>;
    await withLock(t.deps, lockPathFor(path), async () => {
      pending = getValidToken(t.deps, session, opts());
      await new Promise((r) => setTimeout(r, 150)); // it has read the old token and now waits for us
      await writeFile(path, serializeToken(fresh));
    });
    expect((await pending).accessToken).toBe("aoa-refreshed-by-someone-else");
    expect(calls()).toBe(before);
  });

  it("ten concurrent callers in one process make one CreateToken call", async () => {
    await plant(tokenFixture(NOW, 5 * MIN));
    const before = calls();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => getValidToken(t.deps, session, opts())));
    expect(calls()).toBe(before + 1);
    expect(new Set(tokens.map((x) => x.accessToken)).size).toBe(1);
  });
});
