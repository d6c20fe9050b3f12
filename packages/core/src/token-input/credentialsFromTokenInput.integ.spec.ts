import * as nodeFs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoreDeps } from "../deps.js";
import { CredentialsError, SsoCredsError, TokenError } from "../errors.js";
import { startEmulator, type Emulator, type MintedToken, type MintTokenOptions } from "@sso-creds/emulator";
import { leaked, signOut, spendRefreshToken, tokenSecrets } from "../test-support/emulatorSessions.js";
import { START_URL } from "../test-support/fixtures.js";
import type { SsoToken } from "../types.js";
import { credentialsFromTokenInput, type TokenInputRequest } from "./credentialsFromTokenInput.js";

let sso: Emulator;
beforeAll(async () => {
  sso = await startEmulator({ port: 0, autoApprove: true });
});
afterAll(() => sso.close());

const request: TokenInputRequest = { accountId: "111111111111", roleName: "ReadOnlyAccess", source: "the sso-token input" };
// No home: a handed-over token never touches ~/.aws, so a homedir that throws proves it.
const deps = (): CoreDeps => ({
  env: { AWS_ENDPOINT_URL_SSO: sso.url, AWS_ENDPOINT_URL_SSO_OIDC: sso.url },
  now: Date.now,
  homedir: () => {
    throw new Error("credentialsFromTokenInput must not look at the home directory");
  },
  fs: nodeFs,
});
const minutes = (n: number) => n * 60_000;
/** A token the emulator issued (as after a login), expiring `ttlMs` from now. */
const mint = (ttlMs: number, options: MintTokenOptions = {}): MintedToken & SsoToken => ({ ...sso.mintToken({ accessTokenTtlSeconds: ttlMs / 1000, ...options }) });
/** One whose refresh token another client already used: the emulator refuses it now (rotation). */
async function mintSpent(ttlMs: number): Promise<MintedToken & SsoToken> {
  const token = mint(ttlMs);
  await spendRefreshToken(sso.url, token);
  return token;
}
// What the emulator's role credentials look like: none may appear in a message, even when they were fetched and refused.
const ISSUED_CREDENTIAL = /ASIA[A-Z2-7]{16}|IQoJb3JpZ2luX2Vj/;

/** Counts of one operation made during `fn`. */
async function counting<T>(fn: () => Promise<T>): Promise<{ result: T; calls: Record<string, number> }> {
  const before = sso.stats();
  const result = await fn();
  const after = sso.stats();
  return { result, calls: Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => v !== 0)) };
}

async function failure(token: SsoToken, req: Partial<TokenInputRequest> = {}): Promise<SsoCredsError> {
  const e = await credentialsFromTokenInput(deps(), token, { ...request, ...req }).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof SsoCredsError)) throw new Error(`expected an SsoCredsError, got ${String(e)}`);
  const text = `${e.message} ${e.fix ?? ""}`;
  expect(leaked(text, tokenSecrets(token))).toEqual([]);
  expect(text).not.toMatch(ISSUED_CREDENTIAL);
  return e;
}

describe("credentialsFromTokenInput", () => {
  it("uses a token with hours left as it is: one GetRoleCredentials, no refresh", async () => {
    const { result, calls } = await counting(() => credentialsFromTokenInput(deps(), mint(minutes(120)), request));
    expect(calls).toEqual({ GetRoleCredentials: 1 });
    expect(result.refreshed).toBe(false);
    expect(result.credentials.accessKeyId).toMatch(/^ASIA/);
    expect(result.credentials.accountId).toBe("111111111111");
  });

  it("refreshes within the 15-minute window and returns the rotated token in the AWS CLI's layout", async () => {
    const token = mint(minutes(10));
    const refreshToken = token.refreshToken;
    const { result, calls } = await counting(() => credentialsFromTokenInput(deps(), token, request));
    expect(calls).toEqual({ CreateToken: 1, GetRoleCredentials: 1 });
    expect(result.refreshed).toBe(true);
    expect(Object.keys(result.token)).toEqual(Object.keys(token)); // same keys, same order
    expect(result.token.accessToken).not.toBe(token.accessToken);
    expect(result.token.refreshToken).toMatch(/^aor/);
    expect(result.token.refreshToken).not.toBe(refreshToken);
    expect(result.token.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect({ ...result.token, accessToken: 0, refreshToken: 0, expiresAt: 0 }).toEqual({ ...token, accessToken: 0, refreshToken: 0, expiresAt: 0 });
  });

  it("keeps using a still-valid token when its refresh is refused", async () => {
    const token = await mintSpent(minutes(5));
    const { result, calls } = await counting(() => credentialsFromTokenInput(deps(), token, request));
    expect(calls).toEqual({ CreateToken: 1, GetRoleCredentials: 1 });
    expect(result.refreshed).toBe(false);
    expect(result.token).toBe(token);
    expect(result.refreshError?.code).toBe("RefreshTokenRejected");
  });

  it("retries throttling and server faults with backoff", async () => {
    const token = mint(-minutes(1));
    sso.failNext("CreateToken", 1, { status: 500, type: "InternalServerException" });
    sso.failNext("GetRoleCredentials", 2, { status: 429, type: "TooManyRequestsException" });
    const { result, calls } = await counting(() => credentialsFromTokenInput(deps(), token, request));
    expect(calls).toEqual({ CreateToken: 2, GetRoleCredentials: 3 });
    expect(result.refreshed).toBe(true);
    expect(result.token.accessToken).not.toBe(token.accessToken);
  }, 30_000);

  it("an expired token without a refresh token: says so and how to get a new one", async () => {
    const e = await failure(mint(-minutes(1), { withRefreshToken: false }));
    expect(e).toBeInstanceOf(TokenError);
    expect(e.code).toBe("TokenExpired");
    expect(e.message).toMatch(/^The sso-token input expired at .* no refresh token/);
    expect(e.fix).toMatch(/sso login.*~\/\.aws\/sso\/cache/);
  });

  it("an expired token whose refresh is refused", async () => {
    const e = await failure(await mintSpent(-minutes(1)));
    expect(e.code).toBe("TokenExpired");
    expect(e.message).toMatch(/could not be refreshed\. The refresh token .* was rejected/);
  });

  it("a token for another start URL, when one is expected", async () => {
    const token = mint(minutes(60));
    const e = await failure(token, { startUrl: "https://d-9999999999.awsapps.com/start" });
    expect(e.code).toBe("TokenStartUrlMismatch");
    expect(e.message).toContain(START_URL);
    // A trailing slash is the same start URL.
    expect(token.startUrl).toBe(START_URL);
    await expect(credentialsFromTokenInput(deps(), token, { ...request, startUrl: `${START_URL}/` })).resolves.toBeTruthy();
  });

  it("a role the token cannot reach names account and role", async () => {
    // 222222222222 has ReadOnlyAccess and Developer for the fixture user, not AdministratorAccess.
    const e = await failure(mint(minutes(60)), { accountId: "222222222222", roleName: "AdministratorAccess" });
    expect(e).toBeInstanceOf(CredentialsError);
    expect(e.message).toMatch(/role AdministratorAccess in account 222222222222/);
  });

  it("a revoked token", async () => {
    const token = mint(minutes(60));
    await signOut(sso.url, token);
    const e = await failure(token);
    expect(e.code).toBe("TokenRejected");
    expect(e.message).toMatch(/refused the sso-token input/);
  });

  it("credentials shorter than min-credential-duration", async () => {
    const { calls, result: e } = await counting(() => failure(mint(minutes(60)), { minCredentialSeconds: 7200 }));
    expect(calls).toEqual({ GetRoleCredentials: 1 }); // fetched (an hour), then refused
    expect(e.code).toBe("CredentialsTooShort");
    expect(e.message).toMatch(/no duration parameter/);
  });
});
