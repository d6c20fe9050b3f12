import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { useEmulator } from "@sso-creds/emulator";
import * as vitest from "vitest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, CredentialsError } from "../errors.js";
import { assumeRoleCacheKey } from "../keys/assumeRoleCacheKey.js";
import { resolveCredentials } from "../provider/resolveCredentials.js";
import { START_URL, testSession } from "../test-support/fixtures.js";
import { spawnWorkers } from "../test-support/spawnWorkers.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { writeToken } from "../token/writeToken.js";
import type { RoleCredentials } from "../types.js";

const MFA_SERIAL = "arn:aws:iam::111111111111:mfa/alice";
const CONFIG = `[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = us-west-2

[profile staging-ro]
role_arn = arn:aws:iam::222222222222:role/ReadOnlyAccess
source_profile = dev
role_session_name = alice

[profile hop2]
role_arn = arn:aws:iam::333333333333:role/ReadOnlyAccess
source_profile = staging-ro
duration_seconds = 3600

[profile hop3]
role_arn = arn:aws:iam::444444444444:role/Deployer
source_profile = hop2
external_id = ext-123

[profile mfa]
role_arn = arn:aws:iam::444444444444:role/BreakGlass
source_profile = dev
mfa_serial = ${MFA_SERIAL}

[profile partner]
role_arn = arn:aws:iam::444444444444:role/Deployer
source_profile = dev
external_id = wrong

[profile loop-a]
role_arn = arn:aws:iam::222222222222:role/Developer
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::222222222222:role/Developer
source_profile = loop-c

[profile loop-c]
role_arn = arn:aws:iam::222222222222:role/Developer
source_profile = loop-a

[profile too-long]
role_arn = arn:aws:iam::222222222222:role/Developer
source_profile = dev
duration_seconds = 7200

[sso-session my-sso]
sso_start_url = ${START_URL}
sso_region = us-east-1
`;

describe("role chaining (role_arn + source_profile) against the emulator's STS", { timeout: 60_000 }, () => {
  const emu = useEmulator(vitest, {
    resetAfterEach: false,
    autoApprove: true,
    fixtures: {
      assumableRoles: [
        { roleArn: "arn:aws:iam::444444444444:role/Deployer", externalId: "ext-123" },
        { roleArn: "arn:aws:iam::444444444444:role/BreakGlass", mfaSerial: MFA_SERIAL, mfaCode: "654321" },
      ],
    },
  });
  let t: TempHome;
  beforeEach(async () => {
    t = await createTempHome();
    t.deps.now = () => Date.now();
    Object.assign(t.deps.env, { AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url, AWS_ENDPOINT_URL_STS: emu.url });
    await mkdir(join(t.home, ".aws"), { recursive: true });
    await writeFile(join(t.home, ".aws", "config"), CONFIG);
    await writeToken(t.deps, testSession("my-sso"), { ...emu.mintToken({ startUrl: START_URL, region: "us-east-1" }) });
  });
  afterEach(() => t.cleanup());
  const n = (op: string) => emu.stats()[op] ?? 0;

  async function callerArn(creds: RoleCredentials): Promise<string> {
    const { STSClient, GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
    const sts = new STSClient({ region: "us-east-1", endpoint: emu.url, credentials: { ...creds, expiration: new Date(creds.expiration) } });
    try {
      return (await sts.send(new GetCallerIdentityCommand({}))).Arn!;
    } finally {
      sts.destroy();
    }
  }

  it("depth 1: assumes the role with the SSO role's credentials, caches it as the AWS CLI does and reuses it", async () => {
    const before = n("AssumeRole");
    const creds = await resolveCredentials(t.deps, { profile: "staging-ro" });
    expect(n("AssumeRole")).toBe(before + 1);
    expect(creds.accountId).toBe("222222222222");
    expect(await callerArn(creds)).toBe("arn:aws:sts::222222222222:assumed-role/ReadOnlyAccess/alice");

    const key = assumeRoleCacheKey({ RoleArn: "arn:aws:iam::222222222222:role/ReadOnlyAccess", RoleSessionName: "alice" });
    const path = join(t.cliCacheDir, `${key}.json`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(t.cliCacheDir)).mode & 0o777).toBe(0o700);
    const file = JSON.parse(await readFile(path, "utf8"));
    expect(Object.keys(file)).toEqual(["Credentials", "AssumedRoleUser", "ResponseMetadata"]);
    expect(file.Credentials).toMatchObject({ AccessKeyId: creds.accessKeyId, AccountId: "222222222222" });
    expect(file.Credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dUTC$/);
    expect(file.AssumedRoleUser.Arn).toBe("arn:aws:sts::222222222222:assumed-role/ReadOnlyAccess/alice");

    const grc = n("GetRoleCredentials");
    expect(await resolveCredentials(t.deps, { profile: "staging-ro" })).toEqual(creds);
    expect(n("AssumeRole")).toBe(before + 1);
    expect(n("GetRoleCredentials")).toBe(grc);

    const forced = await resolveCredentials(t.deps, { profile: "staging-ro", forceRefresh: true });
    expect(forced.accessKeyId).not.toBe(creds.accessKeyId);
    expect(n("AssumeRole")).toBe(before + 2);
  });

  it("depth 3 with external_id: each hop signed by the previous role, every hop cached; a warm chain calls nothing", async () => {
    const before = n("AssumeRole");
    const creds = await resolveCredentials(t.deps, { profile: "hop3" });
    expect(n("AssumeRole")).toBe(before + 3);
    expect(await callerArn(creds)).toMatch(/^arn:aws:sts::444444444444:assumed-role\/Deployer\/sso-creds-\d+$/);
    // A generated session name stays out of the key (botocore): one file per hop.
    expect((await readdir(t.cliCacheDir)).filter((f) => f.endsWith(".json"))).toHaveLength(4);
    expect(await readdir(t.cliCacheDir)).toContain(
      `${assumeRoleCacheKey({ RoleArn: "arn:aws:iam::444444444444:role/Deployer", ExternalId: "ext-123" })}.json`,
    );
    const middle = await resolveCredentials(t.deps, { profile: "hop2" });
    expect(await callerArn(middle)).toMatch(/^arn:aws:sts::333333333333:assumed-role\/ReadOnlyAccess\//);
    const calls = { ...emu.stats() };
    expect(await resolveCredentials(t.deps, { profile: "hop3" })).toEqual(creds);
    expect(emu.stats()).toEqual(calls);
  });

  it("a wrong external_id is refused by STS and reported against the profile; no cache file is written", async () => {
    const err = (await resolveCredentials(t.deps, { profile: "partner" }).catch((e: unknown) => e)) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.code).toBe("AssumeRoleDenied");
    expect(err.message).toContain("profile partner");
    expect(err.fix).toContain("external_id");
    const key = assumeRoleCacheKey({ RoleArn: "arn:aws:iam::444444444444:role/Deployer", ExternalId: "wrong" });
    expect(await readdir(t.cliCacheDir)).not.toContain(`${key}.json`);
  });

  it("mfa_serial: the injected callback is asked once (not on a cache hit); a wrong code is an MfaRejected error", async () => {
    const asked: Array<{ profileName: string; mfaSerial: string }> = [];
    const mfaCode = async (r: { profileName: string; mfaSerial: string }) => (asked.push(r), "654321\n");
    const creds = await resolveCredentials(t.deps, { profile: "mfa", mfaCode });
    expect(asked).toEqual([{ profileName: "mfa", mfaSerial: MFA_SERIAL }]);
    expect(await callerArn(creds)).toMatch(/assumed-role\/BreakGlass\//);
    await resolveCredentials(t.deps, { profile: "mfa", mfaCode });
    expect(asked).toHaveLength(1);

    const noPrompt = (await resolveCredentials(t.deps, { profile: "mfa", forceRefresh: true }).catch((e: unknown) => e)) as CredentialsError;
    expect(noPrompt.code).toBe("MfaCodeRequired");
    const wrong = (await resolveCredentials(t.deps, { profile: "mfa", forceRefresh: true, mfaCode: async () => "000000" }).catch((e: unknown) => e)) as CredentialsError;
    expect(wrong.code).toBe("MfaRejected");
    expect(wrong.message).toContain(MFA_SERIAL);
    // The failure left the valid cached credentials in place.
    expect(await resolveCredentials(t.deps, { profile: "mfa" })).toEqual(creds);
  });

  it("a loop in source_profile is a ConfigError naming the chain, before any call", async () => {
    const calls = { ...emu.stats() };
    const err = (await resolveCredentials(t.deps, { profile: "loop-a" }).catch((e: unknown) => e)) as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.code).toBe("SourceProfileLoop");
    expect(err.message).toContain("loop-a -> loop-b -> loop-c -> loop-a");
    expect(err.fix).toContain("[profile loop-c]");
    expect(emu.stats()).toEqual(calls);
  });

  it("duration_seconds over the role-chaining limit is a ConfigError with the fix", async () => {
    const err = (await resolveCredentials(t.deps, { profile: "too-long" }).catch((e: unknown) => e)) as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.fix).toContain("duration_seconds = 3600");
  });

  // boto3 as the AWS CLI wires it: AssumeRole responses cached in ~/.aws/cli/cache (JSONFileCache).
  const boto3 = async (profile: string) => {
    const py = `
import json, os, sys, boto3
from botocore.utils import JSONFileCache
s = boto3.Session(profile_name=${JSON.stringify(profile)})
s._session.get_component("credential_provider").get_provider("assume-role").cache = JSONFileCache(os.path.expanduser("~/.aws/cli/cache"))
c = s.get_credentials().get_frozen_credentials()
sys.stdout.write(json.dumps({"accessKeyId": c.access_key, "secretAccessKey": c.secret_key, "sessionToken": c.token}))
`;
    const { stdout } = await promisify(execFile)("python3", ["-c", py], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: t.home, AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_STS: emu.url, AWS_DEFAULT_REGION: "us-east-1" },
    });
    return JSON.parse(stdout) as { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  };

  it("botocore (boto3 with the AWS CLI's JSONFileCache) reuses our cache file without calling AssumeRole", async () => {
    const ours = await resolveCredentials(t.deps, { profile: "staging-ro" });
    const calls = { ...emu.stats() };
    expect(await boto3("staging-ro")).toEqual({ accessKeyId: ours.accessKeyId, secretAccessKey: ours.secretAccessKey, sessionToken: ours.sessionToken });
    expect(emu.stats()).toEqual(calls);
  });

  it("AWS CLI v2 (/usr/bin/aws configure export-credentials) uses our cache file for the role profile, contacting nothing", async () => {
    const ours = await resolveCredentials(t.deps, { profile: "staging-ro" });
    // CLI v2 2.9 predates AWS_ENDPOINT_URL_*: any call it made would go to real AWS, which this machine cannot reach.
    const { stdout } = await promisify(execFile)("/usr/bin/aws", ["configure", "export-credentials", "--profile", "staging-ro", "--format", "process"], {
      encoding: "utf8",
      env: { PATH: "/usr/bin:/bin", HOME: t.home, AWS_DEFAULT_REGION: "us-east-1", AWS_EC2_METADATA_DISABLED: "true" },
    });
    const theirs = JSON.parse(stdout) as { AccessKeyId: string; SessionToken: string; Expiration: string };
    expect(theirs.AccessKeyId).toBe(ours.accessKeyId);
    expect(theirs.SessionToken).toBe(ours.sessionToken);
    expect(Date.parse(theirs.Expiration)).toBe(ours.expiration);
  });

  it("we reuse the files boto3 wrote for a depth-3 chain (one per hop), without calling STS or the portal", async () => {
    const theirs = await boto3("hop3");
    const calls = { ...emu.stats() };
    const ours = await resolveCredentials(t.deps, { profile: "hop3" });
    expect({ accessKeyId: ours.accessKeyId, secretAccessKey: ours.secretAccessKey, sessionToken: ours.sessionToken }).toEqual(theirs);
    expect(ours.accountId).toBe("444444444444");
    expect(emu.stats()).toEqual(calls);
  });

  it("6 processes resolving a cold depth-3 chain at once make one call per hop; a warm chain loads no AWS SDK", async () => {
    const before = { assume: n("AssumeRole"), grc: n("GetRoleCredentials") };
    const env = { HOME: t.home, AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url, AWS_ENDPOINT_URL_STS: emu.url };
    const results = await spawnWorkers(6, { op: "resolveCredentials", profileName: "hop3", startAt: Date.now() + 1500 }, env);
    for (const r of results) expect(r.error).toBeUndefined();
    const keys = new Set(results.map((r) => (r.result as RoleCredentials).accessKeyId));
    expect(keys.size).toBe(1);
    expect(n("AssumeRole")).toBe(before.assume + 3);
    expect(n("GetRoleCredentials")).toBe(before.grc + 1);
    const [warm] = await spawnWorkers(1, { op: "resolveCredentials", profileName: "hop3" }, env);
    expect((warm?.result as RoleCredentials).accessKeyId).toBe([...keys][0]);
    expect(warm?.sdk).toEqual([]);
  });
});
