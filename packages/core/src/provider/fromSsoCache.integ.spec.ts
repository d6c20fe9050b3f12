import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CredentialsError, SsoCredsError, TokenError } from "../errors.js";
import { tokenCachePath } from "../paths/index.js";
import { startEmulator, type Emulator } from "@sso-creds/emulator";
import { SECRETS, START_URL, testSession } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { serializeToken } from "../token/serializeToken.js";
import { loadSharedConfig, resolveSsoProfile } from "../config/index.js";
import { credentialsCachePath } from "../credentials/credentialsCachePath.js";
import { serializeCredentialsCache } from "../credentials/serializeCredentialsCache.js";
import { spawnWorkers } from "../test-support/spawnWorkers.js";
import { fromSsoCache, PROVIDER_REFRESH_WINDOW_MS } from "./fromSsoCache.js";
import { resolveCredentials } from "./resolveCredentials.js";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const CONFIG = `[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = us-west-2

[profile nope]
sso_session = my-sso
sso_account_id = 333333333333
sso_role_name = Developer

[sso-session my-sso]
sso_start_url = ${START_URL}
sso_region = us-east-1
`;

describe("fromSsoCache / resolveCredentials (profile name → credentials through ~/.aws/config)", { timeout: 60_000 }, () => {
  let sso: Emulator;
  let t: TempHome;
  beforeAll(async () => (sso = await startEmulator({ port: 0, autoApprove: true, now: () => NOW, roleCredentialTtlSeconds: 3600 })));
  afterAll(() => sso.close());
  beforeEach(async () => {
    t = await createTempHome({ now: NOW });
    t.deps.env.AWS_ENDPOINT_URL_SSO = sso.url;
    t.deps.env.AWS_ENDPOINT_URL_SSO_OIDC = sso.url;
    await mkdir(join(t.home, ".aws"), { recursive: true });
    await writeFile(join(t.home, ".aws", "config"), CONFIG);
    const path = tokenCachePath(t.deps, testSession("my-sso"));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, serializeToken({ ...sso.mintToken({ accessTokenTtlSeconds: 8 * 3600 }) }));
  });
  afterEach(() => t.cleanup());
  const grc = () => sso.stats().GetRoleCredentials ?? 0;

  it("resolveCredentials: profile name → role credentials, endpoints from AWS_ENDPOINT_URL_SSO*", async () => {
    const before = grc();
    const creds = await resolveCredentials(t.deps, { profile: "dev" });
    expect(creds).toMatchObject({ accountId: "111111111111", expiration: NOW + 3600_000 });
    expect(grc()).toBe(before + 1);
    t.deps.env.AWS_PROFILE = "dev";
    expect(await resolveCredentials(t.deps)).toEqual(creds);
    expect(grc()).toBe(before + 1);
  });

  it("fromSsoCache: an AWS SDK identity provider, memoised, shared while in flight, renewed within 5 minutes of expiry", async () => {
    expect(PROVIDER_REFRESH_WINDOW_MS).toBe(300_000);
    const provider = fromSsoCache({ profile: "dev", deps: t.deps });
    const before = grc();
    const [a, b, c] = await Promise.all([provider(), provider(), provider()]);
    expect(grc()).toBe(before + 1);
    expect(a).toEqual(b);
    expect(a).toEqual(c);
    expect(a).toMatchObject({ accountId: "111111111111", expiration: new Date(NOW + 3600_000) });
    expect(a.accessKeyId).toMatch(/^ASIA/);
    expect(await provider()).toEqual(a);
    expect(grc()).toBe(before + 1);

    t.setNow(NOW + 3600_000 - 4 * 60_000); // 4 minutes left: the provider and the disk cache both want new ones
    const renewed = await provider();
    expect(grc()).toBe(before + 2);
    expect(renewed.accessKeyId).not.toBe(a.accessKeyId);
    expect(await provider({ forceRefresh: true })).not.toEqual(renewed);
    expect(grc()).toBe(before + 3);
  });

  it("fromSsoCache: failures are SsoCredsError subclasses with tryNextLink=false and the fix", async () => {
    const missing = fromSsoCache({ profile: "nope", deps: t.deps });
    const err = (await missing().catch((e: unknown) => e)) as SsoCredsError;
    expect(err).toBeInstanceOf(SsoCredsError);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(/role Developer in account 333333333333/);
    expect(err.tryNextLink).toBe(false);
    expect(err.fix).toBe("sso list --sso-session my-sso");

    await writeFile(tokenCachePath(t.deps, testSession("my-sso")), serializeToken({ ...sso.mintToken({ accessTokenTtlSeconds: -60, withRefreshToken: false }) }));
    const expired = (await fromSsoCache({ profile: "dev", deps: t.deps })().catch((e: unknown) => e)) as TokenError;
    expect(expired).toBeInstanceOf(TokenError);
    expect(expired.fix).toBe("sso login --sso-session my-sso");
  });

  it("a real AWS SDK v3 client signs its requests with it (STS GetCallerIdentity, real clock)", async () => {
    const live = await startEmulator({ port: 0, autoApprove: true });
    const home = await createTempHome();
    try {
      home.deps.now = () => Date.now();
      Object.assign(home.deps.env, { AWS_ENDPOINT_URL_SSO: live.url, AWS_ENDPOINT_URL_SSO_OIDC: live.url });
      await mkdir(join(home.home, ".aws"), { recursive: true });
      await writeFile(join(home.home, ".aws", "config"), CONFIG);
      const path = tokenCachePath(home.deps, testSession("my-sso"));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, serializeToken({ ...live.mintToken({ accessTokenTtlSeconds: 8 * 3600 }) }));
      const { STSClient, GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
      const sts = new STSClient({ region: "us-east-1", endpoint: live.url, credentials: fromSsoCache({ profile: "dev", deps: home.deps }) });
      const id = await sts.send(new GetCallerIdentityCommand({}));
      expect(id.Account).toBe("111111111111");
      expect(id.Arn).toMatch(/^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]+\//);
      await sts.send(new GetCallerIdentityCommand({}));
      expect(live.stats()).toEqual({ GetRoleCredentials: 1, GetCallerIdentity: 2 });
      sts.destroy();
    } finally {
      await live.close();
      await home.cleanup();
    }
  });

  it("resolveCredentials from a warm cache in a fresh Node process loads no AWS SDK (the credential_process hot path)", async () => {
    const home = await createTempHome();
    try {
      await mkdir(join(home.home, ".aws"), { recursive: true });
      await writeFile(join(home.home, ".aws", "config"), CONFIG);
      const profile = resolveSsoProfile(await loadSharedConfig(home.deps), "dev");
      const creds = { accessKeyId: "ASIAWARM", secretAccessKey: SECRETS.secretAccessKey, sessionToken: SECRETS.sessionToken, expiration: Date.now() + 3600_000, accountId: "111111111111" };
      await mkdir(dirname(credentialsCachePath(home.deps, profile)), { recursive: true });
      await writeFile(credentialsCachePath(home.deps, profile), serializeCredentialsCache(creds));
      const [r] = await spawnWorkers(1, { op: "resolveCredentials", profileName: "dev" }, { HOME: home.home });
      expect(r?.error).toBeUndefined();
      expect(r?.result).toMatchObject({ accessKeyId: "ASIAWARM", accountId: "111111111111" });
      expect(r?.sdk).toEqual([]);
    } finally {
      await home.cleanup();
    }
  });
});
