import { assumeRoleCacheKey, ssoCredentialsCacheKey, tokenCacheKey } from "@sso-creds/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectOk } from "./test-support/expectOk.js";
import { aws, fingerprint, makePeerHome, parseShEnv, sso, START_URL, type PeerHome } from "./test-support/peers.js";
import { startInteropWorld, type InteropWorld } from "./test-support/startInteropWorld.js";

// A session name with spaces, '#', '/', and non-ASCII (quoted: botocore shlex-splits headers), and two role profiles
// (one with every AssumeRole key field) chained on a legacy SSO profile: AWS CLI 2.9.19 cannot chain on an sso-session
// source profile ('NoneType' object has no attribute 'get_frozen_token', aws/aws-cli#7496, fixed in later releases).
const SESSION = "team sso #1 é/x";
const ROLE_ARN = "arn:aws:iam::333333333333:role/AdministratorAccess";
const CONFIG = `[sso-session "${SESSION}"]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile odd]
sso_session = ${SESSION}
sso_account_id = 333333333333
sso_role_name = ReadOnlyAccess
region = us-east-1

[profile legacy-src]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 333333333333
sso_role_name = ReadOnlyAccess

[profile chained]
role_arn = ${ROLE_ARN}
source_profile = legacy-src
role_session_name = interop-test
region = us-east-1

[profile chained-extra]
role_arn = ${ROLE_ARN}
source_profile = legacy-src
external_id = ext-42
duration_seconds = 1800
region = us-east-1
`;

const TOKEN_FILES = [tokenCacheKey({ name: SESSION, startUrl: START_URL }), tokenCacheKey({ name: undefined, startUrl: START_URL })].map((k) => `${k}.json`);
const CLI_CACHE_FILES = [
  ssoCredentialsCacheKey({ accountId: "333333333333", roleName: "ReadOnlyAccess", sessionName: SESSION }),
  ssoCredentialsCacheKey({ accountId: "333333333333", roleName: "ReadOnlyAccess", startUrl: START_URL }),
  assumeRoleCacheKey({ RoleArn: ROLE_ARN, RoleSessionName: "interop-test" }),
  // No role_session_name: botocore generates one and leaves it out of the key.
  assumeRoleCacheKey({ RoleArn: ROLE_ARN, ExternalId: "ext-42", DurationSeconds: 1800, RoleSessionName: "botocore-session-1" }, { roleSessionNameGenerated: true }),
]
  .map((k) => `${k}.json`)
  .sort();
const PROFILES = ["odd", "legacy-src", "chained", "chained-extra"];

// Case 1 end to end: the token, SSO-credential and AssumeRole keys (proven against botocore's own functions on 300
// generated inputs in packages/core/src/keys/botocoreKeys.spec.ts) are the file names the real AWS CLI v2 uses, so
// each side finds the other's files: no GetRoleCredentials or AssumeRole call when the other side cached them.
describe("our cache keys are the file names AWS CLI v2 writes and reads (odd sso-session name, AssumeRole chains)", () => {
  let world: InteropWorld;
  let home: PeerHome;
  beforeAll(async () => (world = await startInteropWorld()));
  afterAll(() => world?.close());
  beforeEach(async () => {
    world.emu.reset();
    home = await makePeerHome(CONFIG);
  });
  afterEach(() => home?.cleanup());

  const calls = () => ({ GetRoleCredentials: world.emu.stats().GetRoleCredentials ?? 0, AssumeRole: world.emu.stats().AssumeRole ?? 0 });
  const exportCredentials = async (profile: string) =>
    JSON.parse(expectOk(await aws(world, home, ["configure", "export-credentials", "--profile", profile, "--format", "process"]), `aws configure export-credentials ${profile}`).stdout) as Record<string, string>;
  const ssoEnv = async (profile: string) => parseShEnv(expectOk(await sso(world, home, ["env", "--profile", profile]), `sso env ${profile}`).stdout);
  const same = (profile: string, theirs: Record<string, string>, ours: Record<string, string>) =>
    expect({ profile, id: ours.AWS_ACCESS_KEY_ID, secret: fingerprint(ours.AWS_SECRET_ACCESS_KEY) }).toEqual({ profile, id: theirs.AccessKeyId, secret: fingerprint(theirs.SecretAccessKey) });

  it("AWS CLI v2 writes the token and the SSO and AssumeRole credential files under our keys; we reuse all of them", async () => {
    for (const p of ["odd", "legacy-src"]) expectOk(await aws(world, home, ["sso", "login", "--no-browser", "--profile", p]), `aws sso login ${p}`);
    expect(await home.files(home.ssoCache)).toEqual(expect.arrayContaining(TOKEN_FILES));
    const theirs: Record<string, Record<string, string>> = {};
    for (const p of PROFILES) theirs[p] = await exportCredentials(p);
    expect(await home.files(home.cliCache)).toEqual(CLI_CACHE_FILES);
    const before = calls();
    // AWS CLI 2.9.19 caches only the top-level profile's credentials: each chain fetched its source's SSO credentials anew.
    expect(before).toEqual({ GetRoleCredentials: 4, AssumeRole: 2 });

    for (const p of PROFILES) same(p, theirs[p]!, await ssoEnv(p));
    expect(calls()).toEqual(before);
    expect(await home.files(home.cliCache)).toEqual(CLI_CACHE_FILES);
  });

  it("an unquoted sso-session name with spaces is ignored by both: AWS CLI v2 and we report the session missing", async () => {
    await home.cleanup();
    home = await makePeerHome(CONFIG.replace(`[sso-session "${SESSION}"]`, `[sso-session ${SESSION}]`));
    const theirs = await aws(world, home, ["sso", "login", "--no-browser", "--profile", "odd"]);
    expect(theirs.code).not.toBe(0);
    expect(theirs.stderr).toContain(`The specified sso-session does not exist: "${SESSION}"`);
    const ours = await sso(world, home, ["login", "--profile", "odd", "--use-device-code", "--no-browser"]);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toContain(`sso: The sso-session ${SESSION} does not exist`);
    expect(ours.stderr).toContain(`[sso-session "${SESSION}"]`);
    expect(world.emu.stats().StartDeviceAuthorization ?? 0).toBe(0);
  });

  it("we write the token and the SSO and AssumeRole credential files under the AWS CLI's names; AWS CLI v2 reuses all of them", async () => {
    for (const p of ["odd", "legacy-src"]) expectOk(await sso(world, home, ["login", "--profile", p, "--use-device-code", "--no-browser"]), `sso login ${p}`);
    expect(await home.files(home.ssoCache)).toEqual(expect.arrayContaining(TOKEN_FILES));
    const ours: Record<string, Record<string, string>> = {};
    for (const p of PROFILES) ours[p] = await ssoEnv(p);
    expect(await home.files(home.cliCache)).toEqual(CLI_CACHE_FILES);
    const before = calls();
    expect(before).toEqual({ GetRoleCredentials: 2, AssumeRole: 2 });

    for (const p of PROFILES) same(p, await exportCredentials(p), ours[p]!);
    expect(calls()).toEqual(before);
  });
});
