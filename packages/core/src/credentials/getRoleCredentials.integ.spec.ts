import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { CredentialsError, ServiceError, TokenError } from "../errors.js";
import { tokenCachePath } from "../paths/index.js";
import { startEmulator, type Emulator, type MintedToken, type MintTokenOptions } from "@sso-creds/emulator";
import { leaked, signOut, tokenSecrets } from "../test-support/emulatorSessions.js";
import { SECRETS, isoSeconds, modeOf, sha256File, testProfile, testSession } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { serializeToken } from "../token/serializeToken.js";
import type { RoleCredentials, SsoToken } from "../types.js";
import { ROLE_CREDENTIALS_EXPIRY_WINDOW_MS } from "./constants.js";
import { credentialsCachePath } from "./credentialsCachePath.js";
import { getRoleCredentials } from "./getRoleCredentials.js";
import { readCachedRoleCredentials } from "./readCachedRoleCredentials.js";
import { serializeCredentialsCache } from "./serializeCredentialsCache.js";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const MIN = 60_000;
const session = testSession("my-sso");
const profile = testProfile(session);

describe("getRoleCredentials (GetRoleCredentials + ~/.aws/cli/cache)", { timeout: 60_000 }, () => {
  let sso: Emulator;
  let t: TempHome;
  beforeAll(async () => (sso = await startEmulator({ port: 0, autoApprove: true, now: () => NOW, roleCredentialTtlSeconds: 3600 })));
  afterAll(() => sso.close());
  beforeEach(async () => {
    t = await createTempHome({ now: NOW });
  });
  afterEach(() => t.cleanup());

  /** A token the emulator issued (as after a login), expiring `ttlMs` after NOW. */
  const mint = (ttlMs: number, options: MintTokenOptions = {}): MintedToken & SsoToken => ({ ...sso.mintToken({ accessTokenTtlSeconds: ttlMs / 1000, ...options }) });
  const plantToken = async (token: SsoToken, s = session) => {
    const path = tokenCachePath(t.deps, s);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, serializeToken(token), { mode: 0o600 });
    return sha256File(path);
  };
  const plantCache = async (c: RoleCredentials) => {
    const path = credentialsCachePath(t.deps, profile);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, serializeCredentialsCache(c), { mode: 0o600 });
    return path;
  };
  const cached = (ttlMs: number): RoleCredentials => ({
    accessKeyId: "ASIACACHED",
    secretAccessKey: SECRETS.secretAccessKey,
    sessionToken: SECRETS.sessionToken,
    expiration: NOW + ttlMs,
    accountId: "111111111111",
  });
  const n = (op: string) => sso.stats()[op] ?? 0;
  const opts = () => ({ ssoEndpoint: sso.url, oidcEndpoint: sso.url });

  it("uses botocore's 15-minute reuse window", () => expect(ROLE_CREDENTIALS_EXPIRY_WINDOW_MS).toBe(900_000));

  it("cold cache: one GetRoleCredentials, then the AWS CLI's cache file (0600 in 0700) serves later calls", async () => {
    await plantToken(mint(8 * 3600_000));
    const before = n("GetRoleCredentials");
    const creds = await getRoleCredentials(t.deps, profile, opts());
    expect(n("GetRoleCredentials")).toBe(before + 1);
    expect(creds).toMatchObject({ accountId: "111111111111", expiration: NOW + 3600_000 });
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    const path = credentialsCachePath(t.deps, profile);
    // botocore's key: sha1 of {"accountId":"111111111111","roleName":"AdministratorAccess","sessionName":"my-sso"}
    expect(path).toBe(`${t.cliCacheDir}/d69b93565f62d68b82719577c1f7e002926ce75e.json`);
    expect(await readFile(path, "utf8")).toBe(
      `{"ProviderType": "sso", "Credentials": {"AccessKeyId": "${creds.accessKeyId}", "SecretAccessKey": ${JSON.stringify(creds.secretAccessKey)}, ` +
        `"SessionToken": ${JSON.stringify(creds.sessionToken)}, "Expiration": "${isoSeconds(NOW + 3600_000)}", "AccountId": "111111111111"}}`,
    );
    expect(await modeOf(path)).toBe(0o600);
    expect(await modeOf(t.cliCacheDir)).toBe(0o700);
    expect(await getRoleCredentials(t.deps, profile, opts())).toEqual(creds);
    expect(await readCachedRoleCredentials(t.deps, profile)).toEqual(creds);
    expect(n("GetRoleCredentials")).toBe(before + 1);
  });

  it("reuses cached credentials with more than 15 minutes left, needing no token at all", async () => {
    await plantCache(cached(16 * MIN));
    const before = n("GetRoleCredentials");
    expect(await getRoleCredentials(t.deps, profile, opts())).toEqual(cached(16 * MIN));
    expect(n("GetRoleCredentials")).toBe(before);
  });

  it("replaces cached credentials with less than 15 minutes left", async () => {
    await plantToken(mint(8 * 3600_000));
    await plantCache(cached(14 * MIN));
    expect(await readCachedRoleCredentials(t.deps, profile)).toBeUndefined();
    const before = n("GetRoleCredentials");
    const creds = await getRoleCredentials(t.deps, profile, opts());
    expect(creds.accessKeyId).not.toBe("ASIACACHED");
    expect(n("GetRoleCredentials")).toBe(before + 1);
  });

  it("refreshes a token inside its window first: one CreateToken, one GetRoleCredentials", async () => {
    const minted = mint(5 * MIN);
    await plantToken(minted);
    const [ct, grc] = [n("CreateToken"), n("GetRoleCredentials")];
    await getRoleCredentials(t.deps, profile, opts());
    expect([n("CreateToken") - ct, n("GetRoleCredentials") - grc]).toEqual([1, 1]);
    const token = JSON.parse(await readFile(tokenCachePath(t.deps, session), "utf8")) as SsoToken;
    expect(token.accessToken).not.toBe(minted.accessToken);
    expect(token.refreshToken).not.toBe(minted.refreshToken);
  });

  it("forceRefresh fetches new credentials despite a fresh cache", async () => {
    await plantToken(mint(8 * 3600_000));
    await plantCache(cached(50 * MIN));
    const creds = await getRoleCredentials(t.deps, profile, { ...opts(), forceRefresh: true });
    expect(creds.accessKeyId).not.toBe("ASIACACHED");
  });

  it("replaces a malformed cache file (as botocore does) instead of failing", async () => {
    await plantToken(mint(8 * 3600_000));
    const path = credentialsCachePath(t.deps, profile);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, '{"ProviderType": "sso", "Credentials": {"AccessKeyId": 1');
    const creds = await getRoleCredentials(t.deps, profile, opts());
    expect(await readCachedRoleCredentials(t.deps, profile)).toEqual(creds);
  });

  it("UnauthorizedException: the token was revoked; TokenError with the login fix, token file kept", async () => {
    const revoked = mint(8 * 3600_000);
    await signOut(sso.url, revoked);
    const hash = await plantToken(revoked);
    const before = n("GetRoleCredentials");
    const err = (await getRoleCredentials(t.deps, profile, opts()).catch((e: unknown) => e)) as TokenError;
    expect(err).toBeInstanceOf(TokenError);
    expect(err.message).toBe("The SSO session for sso-session my-sso expired or was revoked (GetRoleCredentials refused the token).");
    expect(err.fix).toBe("sso login --sso-session my-sso");
    expect(n("GetRoleCredentials")).toBe(before + 1);
    expect(leaked(`${err.message} ${err.fix}`, tokenSecrets(revoked))).toEqual([]);
    expect(await sha256File(tokenCachePath(t.deps, session))).toBe(hash);
  });

  it("a role not assigned to the user (ForbiddenException): CredentialsError naming account and role, fix sso list", async () => {
    await plantToken(mint(8 * 3600_000));
    const other = testProfile(session, { accountId: "333333333333", roleName: "Developer" });
    const err = (await getRoleCredentials(t.deps, other, opts()).catch((e: unknown) => e)) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe("No access to role Developer in account 333333333333 for profile dev (ForbiddenException).");
    expect(err.fix).toBe("sso list --sso-session my-sso");
    const legacy = testProfile(testSession(null), { accountId: "333333333333", roleName: "Developer" });
    await plantToken(mint(8 * 3600_000, { withRefreshToken: false }), legacy.session);
    const legacyErr = (await getRoleCredentials(t.deps, legacy, opts()).catch((e: unknown) => e)) as CredentialsError;
    expect(legacyErr).toBeInstanceOf(CredentialsError);
    expect(legacyErr.fix).toBe("sso list --profile dev");
    await expect(readFile(credentialsCachePath(t.deps, other))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("ResourceNotFoundException (the portal's modeled 404): the same CredentialsError", async () => {
    await plantToken(mint(8 * 3600_000));
    sso.failNext("GetRoleCredentials", 1, { status: 404, type: "ResourceNotFoundException", message: "No access" });
    const before = n("GetRoleCredentials");
    const err = (await getRoleCredentials(t.deps, profile, opts()).catch((e: unknown) => e)) as CredentialsError;
    expect(n("GetRoleCredentials")).toBe(before + 1); // a client error: not retried
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe("No access to role AdministratorAccess in account 111111111111 for profile dev (ResourceNotFoundException).");
    expect(err.fix).toBe("sso list --sso-session my-sso");
  });

  it("TooManyRequests: retried with backoff past the SDK's 3 attempts while the caller's deadline allows, then a one-line ServiceError", async () => {
    await plantToken(mint(8 * 3600_000));
    sso.failNext("GetRoleCredentials", 5, { status: 429, type: "TooManyRequestsException" });
    let before = n("GetRoleCredentials");
    await getRoleCredentials(t.deps, profile, opts());
    expect(n("GetRoleCredentials") - before).toBe(6);

    // A caller that waits 6 s (its lock timeout) gets the throttling error before its waiters give up (deadline: 4 s).
    // The backoffs (the SDK's and ours) are full jitter: pinned low, so that "more rounds than the SDK's one" does not
    // hinge on the draw (at the highest draws the SDK's own round takes 3 s of the 4, and a busy CI machine the rest).
    const other = testProfile(session, { roleName: "ReadOnlyAccess" });
    sso.failNext("GetRoleCredentials", 1000, { status: 429, type: "TooManyRequestsException" });
    const random = vi.spyOn(Math, "random").mockReturnValue(0.05);
    try {
      before = n("GetRoleCredentials");
      const started = Date.now();
      const err = (await getRoleCredentials(t.deps, other, { ...opts(), lock: { timeoutMs: 6_000 } }).catch((e: unknown) => e)) as ServiceError;
      expect(Date.now() - started).toBeLessThan(6_000);
      expect(n("GetRoleCredentials") - before).toBeGreaterThan(3);
      expect(err).toBeInstanceOf(ServiceError);
      expect(err.code).toBe("Throttled");
      expect(err.message).toBe(
        `The SSO portal at ${sso.url} failed to return credentials for role ReadOnlyAccess in account 111111111111: TooManyRequestsException (HTTP 429).`,
      );
    } finally {
      random.mockRestore();
      sso.reset(); // drop the rest of the queued throttling
    }
  });

  it("5xx and network faults: ServiceError, nothing written", async () => {
    await plantToken(mint(8 * 3600_000));
    sso.failNext("GetRoleCredentials", 3, { status: 503, type: "ServiceUnavailableException" });
    await expect(getRoleCredentials(t.deps, profile, opts())).rejects.toBeInstanceOf(ServiceError);
    const err = (await getRoleCredentials(t.deps, profile, { ssoEndpoint: "http://127.0.0.1:9", oidcEndpoint: sso.url }).catch((e: unknown) => e)) as ServiceError;
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.code).toBe("NetworkError");
    expect(err.message).toMatch(/^Could not reach the SSO portal at http:\/\/127\.0\.0\.1:9 for role AdministratorAccess in account 111111111111: .*ECONNREFUSED.*\.$/);
    await expect(readFile(credentialsCachePath(t.deps, profile))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("legacy profile with an expired token that cannot refresh: the fix names the profile", async () => {
    const legacy = testProfile(testSession(null));
    await plantToken(mint(-MIN, { withRefreshToken: false }), legacy.session);
    const before = n("GetRoleCredentials") + n("CreateToken");
    await expect(getRoleCredentials(t.deps, legacy, opts())).rejects.toMatchObject({
      code: "TokenExpired",
      message: `The SSO token for start URL ${legacy.session.startUrl} expired at 2026-11-22T11:59:00Z; it cannot be refreshed.`,
      fix: "sso login --profile dev",
    });
    expect(n("GetRoleCredentials") + n("CreateToken")).toBe(before);
  });

  it("no token: TokenMissing with the login fix", async () => {
    await expect(getRoleCredentials(t.deps, profile, opts())).rejects.toMatchObject({ code: "TokenMissing", fix: "sso login --sso-session my-sso" });
  });

  it("twelve concurrent callers in one process make one GetRoleCredentials call and agree", async () => {
    const token = mint(8 * 3600_000);
    await plantToken(token);
    const before = n("GetRoleCredentials");
    const all = await Promise.all(Array.from({ length: 12 }, () => getRoleCredentials(t.deps, profile, opts())));
    expect(n("GetRoleCredentials")).toBe(before + 1);
    for (const c of all) expect(c).toEqual(all[0]);
    for (const c of all) expect(leaked(JSON.stringify(c), tokenSecrets(token))).toEqual([]);
  });

});
