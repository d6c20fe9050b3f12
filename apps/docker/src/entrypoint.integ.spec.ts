import { createHash } from "node:crypto";
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator, type MintedToken } from "@sso-creds/emulator";
import { tokenCacheKey } from "@sso-creds/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bundle, run, start, type Finished } from "./test-support/processes.js";

const NODE = process.execPath;
const ACCOUNT = "111111111111";
const ROLE = "ReadOnlyAccess";
/** Outside the SSO assignments: STS lets an SSO role (or a role it assumed) assume it with this external ID (the emulator's trust). */
const PARTNER = "arn:aws:iam::444444444444:role/PartnerAudit";
const fixtures = { assumableRoles: [{ roleArn: PARTNER, externalId: "ext-4711" }] };

let dist: string;
let emu: Emulator;
let shortEmu: Emulator;
let work: string;

beforeAll(async () => {
  [dist, emu, shortEmu] = await Promise.all([
    bundle(),
    startEmulator({ port: 0, autoApprove: true, fixtures }),
    // Role credentials and assumed-role credentials both last 3 s: expiry is seen within a test.
    startEmulator({ port: 0, autoApprove: true, fixtures, roleCredentialTtlSeconds: 3, assumedRoleTtlSeconds: 3 }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([emu?.close(), shortEmu?.close(), dist && rm(dist, { recursive: true, force: true })]);
});
beforeEach(async () => {
  emu.reset();
  work = await mkdtemp(join(tmpdir(), "sso-creds-docker-"));
  return () => rm(work, { recursive: true, force: true });
});

/** The environment a container would have: a fresh HOME, the emulator as every AWS endpoint, and `extra`. */
function containerEnv(extra: Record<string, string | undefined>, e: Emulator = emu): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    HOME: join(work, "home"),
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_ENDPOINT_URL_SSO: e.url,
    AWS_ENDPOINT_URL_SSO_OIDC: e.url,
    AWS_ENDPOINT_URL_STS: e.url,
    ...extra,
  };
}

/** A token copied onto a "read-only mount": a 0400 file in a 0500 directory. */
async function mountToken(token: object, name = "token.json"): Promise<string> {
  const dir = join(work, "mount");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, name), JSON.stringify(token), { mode: 0o400 });
  await chmod(dir, 0o500);
  return join(dir, name);
}

async function snapshot(dir: string): Promise<string> {
  const names = (await readdir(dir)).sort();
  const parts = await Promise.all(names.map(async (n) => `${n}:${(await stat(join(dir, n))).mtimeMs}:${createHash("sha256").update(await readFile(join(dir, n))).digest("hex")}`));
  return parts.join("\n");
}

/** Every file under dir with its mode, mtime and content hash: a mount the entry point must not change. */
async function treeSnapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const st = await stat(path);
    if (st.isDirectory()) out.push(`${path}/ ${st.mode.toString(8)} ${st.mtimeMs}`, ...(await treeSnapshot(path)));
    else out.push(`${path} ${st.mode.toString(8)} ${st.mtimeMs} ${createHash("sha256").update(await readFile(path)).digest("hex")}`);
  }
  return out;
}

/**
 * A mounted ~/.aws in the container's HOME: the config (an SSO profile dev, role profiles on top of it, and `extra`)
 * and the token the AWS CLI wrote for its sso-session.
 */
async function mountAws(token: MintedToken, extra = ""): Promise<string> {
  const aws = join(work, "home", ".aws");
  await mkdir(join(aws, "sso", "cache"), { recursive: true });
  await writeFile(
    join(aws, "config"),
    [
      "[profile dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = ReadOnlyAccess\nregion = us-east-1\n",
      "[profile staging]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = dev\nrole_session_name = alice\nregion = eu-west-1\n",
      `[profile partner]\nrole_arn = ${PARTNER}\nsource_profile = staging\nexternal_id = ext-4711\n`,
      extra,
      `[sso-session my-sso]\nsso_start_url = ${token.startUrl}\nsso_region = us-east-1\n`,
    ].join("\n"),
  );
  await writeFile(join(aws, "sso", "cache", `${tokenCacheKey({ name: "my-sso", startUrl: token.startUrl })}.json`), JSON.stringify(token), { mode: 0o600 });
  return aws;
}

const entrypoint = (args: string[], env: Record<string, string | undefined>) => run(NODE, [join(dist, "entrypoint.mjs"), ...args], { env });
const whoami = () => [NODE, join(dist, "sso-whoami.mjs")];
const printEnv = (names: string[]) => [NODE, "-e", `console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, process.env[n] ?? null]))))`];
const roleEnv = { SSO_ACCOUNT_ID: ACCOUNT, SSO_ROLE_NAME: ROLE };

function secretsOf(token: MintedToken): string[] {
  return [token.accessToken, token.refreshToken, token.clientSecret].filter((s): s is string => !!s);
}

function expectOneLineFailure(r: Finished, pattern: RegExp, secrets: string[] = []): void {
  expect(r.code).toBe(125);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^sso-creds: /);
  expect(lines[0]).toMatch(pattern);
  for (const s of secrets) expect(r.stderr).not.toContain(s);
}

describe("entry point, env mode", () => {
  it("runs the command with the role credentials in its environment; STS knows them", async () => {
    const file = await mountToken(emu.mintToken());
    const env = containerEnv({ ...roleEnv, SSO_MODE: "env", SSO_TOKEN_FILE: file, AWS_PROFILE: "stale" });
    const who = await entrypoint(whoami(), env);
    expect(who.stderr).toBe("");
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({ Account: ACCOUNT, Arn: expect.stringContaining(`AWSReservedSSO_${ROLE}_`) });

    const vars = await entrypoint(printEnv(["AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "SSO_CREDS_PROFILE"]), env);
    const seen = JSON.parse(vars.stdout) as Record<string, string | null>;
    expect(seen.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(seen.AWS_SESSION_TOKEN).toBeTruthy();
    expect(seen.AWS_PROFILE).toBeNull();
    expect(seen.AWS_CONTAINER_CREDENTIALS_FULL_URI).toBeNull();
    expect(seen.SSO_CREDS_PROFILE).toBe(`${ACCOUNT}/${ROLE}`);
  }, 60_000);

  it("takes the token JSON from SSO_TOKEN and does not pass it on to the command", async () => {
    const token = emu.mintToken();
    const r = await entrypoint(printEnv(["SSO_TOKEN", "AWS_ACCESS_KEY_ID"]), containerEnv({ ...roleEnv, SSO_MODE: "env", SSO_TOKEN: JSON.stringify(token, null, 2) }));
    expect(r.code).toBe(0);
    const seen = JSON.parse(r.stdout) as Record<string, string | null>;
    expect(seen.SSO_TOKEN).toBeNull();
    expect(seen.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    for (const s of secretsOf(token)) expect(r.stdout).not.toContain(s);
  }, 30_000);

  it("exits with the command's own code, 127 for a command that does not exist", async () => {
    const file = await mountToken(emu.mintToken());
    const env = containerEnv({ ...roleEnv, SSO_MODE: "env", SSO_TOKEN_FILE: file });
    expect((await entrypoint([NODE, "-e", "process.exit(7)"], env)).code).toBe(7);
    const missing = await entrypoint(["no-such-command-xyz"], env);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toMatch(/^sso-creds: command not found: no-such-command-xyz$/m);
  }, 30_000);
});

describe("entry point, server mode (the default)", () => {
  it("serves the container endpoint on loopback; the JS SDK and botocore get their credentials from it", async () => {
    const file = await mountToken(emu.mintToken());
    const env = containerEnv({ ...roleEnv, SSO_TOKEN_FILE: file, AWS_ACCESS_KEY_ID: "AKIASTALE", AWS_SECRET_ACCESS_KEY: "stale" });
    const vars = await entrypoint(printEnv(["AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]), env);
    const seen = JSON.parse(vars.stdout) as Record<string, string | null>;
    expect(seen.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
    expect(seen.AWS_CONTAINER_AUTHORIZATION_TOKEN).toMatch(/^[\w-]{43}$/);
    expect(seen.AWS_ACCESS_KEY_ID).toBeNull();
    expect(seen.AWS_SECRET_ACCESS_KEY).toBeNull();

    const js = await entrypoint(whoami(), env);
    expect(js.stderr).toBe("");
    expect(JSON.parse(js.stdout)).toMatchObject({ Account: ACCOUNT });

    const py = [
      "import boto3",
      "s = boto3.session.Session()",
      "print(s.get_credentials().method, s.client('sts').get_caller_identity()['Account'])",
    ].join("\n");
    const botocore = await entrypoint(["python3", "-c", py], env);
    expect(botocore.stderr).toBe("");
    expect(botocore.stdout.trim()).toBe(`container-role ${ACCOUNT}`);
  }, 60_000);

  it("serves fresh credentials after the first ones expired (3 s role credentials), and the SDK's calls keep working", async () => {
    const file = await mountToken(shortEmu.mintToken());
    const script = `
      import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
      const get = async () => (await fetch(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI, { headers: { Authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN } })).json();
      const sts = new STSClient({});
      const who = async () => (await sts.send(new GetCallerIdentityCommand({}))).Account;
      const first = await get();
      const firstAccount = await who();
      await new Promise((r) => setTimeout(r, Date.parse(first.Expiration) - Date.now() + 1200));
      const second = await get();
      console.log(JSON.stringify({
        firstExpired: Date.parse(first.Expiration) < Date.now(),
        rotated: second.AccessKeyId !== first.AccessKeyId,
        secondValid: Date.parse(second.Expiration) > Date.now(),
        accounts: [firstAccount, await who()],
      }));`;
    const before = shortEmu.stats().GetRoleCredentials ?? 0;
    const r = await entrypoint([NODE, "--input-type=module", "-e", script], containerEnv({ ...roleEnv, SSO_TOKEN_FILE: file }, shortEmu));
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ firstExpired: true, rotated: true, secondValid: true, accounts: [ACCOUNT, ACCOUNT] });
    expect((shortEmu.stats().GetRoleCredentials ?? 0) - before).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)("passes %s on to the command and exits with its code", async (signal) => {
    const file = await mountToken(emu.mintToken());
    const child = `process.on(${JSON.stringify(signal)}, () => { console.log("got ${signal}"); process.exit(42); }); console.log("ready"); setInterval(() => {}, 1000);`;
    const p = start(NODE, [join(dist, "entrypoint.mjs"), NODE, "-e", child], { env: containerEnv({ ...roleEnv, SSO_TOKEN_FILE: file }) });
    await p.waitFor("ready");
    p.child.kill(signal);
    const r = await p.done;
    expect(r.stdout).toContain(`got ${signal}`);
    expect(r.code).toBe(42);
  }, 30_000);
});

describe("role chaining: SSO_ROLE_TO_ASSUME and role_arn profiles", () => {
  const callerScript = (names: string[]) => `
    import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
    const { Arn } = await new STSClient({}).send(new GetCallerIdentityCommand({}));
    console.log(JSON.stringify({ Arn, ...Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, process.env[n] ?? null])) }));`;
  const caller = (names: string[] = []) => [NODE, "--input-type=module", "-e", callerScript(names)];

  it("env mode, SSO_ROLE_TO_ASSUME with a session name and duration: the command gets the assumed role's credentials", async () => {
    const file = await mountToken(emu.mintToken());
    const before = Date.now();
    const env = containerEnv({
      ...roleEnv,
      SSO_MODE: "env",
      SSO_TOKEN_FILE: file,
      SSO_ROLE_TO_ASSUME: "arn:aws:iam::222222222222:role/Developer",
      SSO_ROLE_SESSION_NAME: "batch-7",
      SSO_ROLE_DURATION_SECONDS: "900",
    });
    const r = await entrypoint(caller(["AWS_ACCOUNT_ID", "AWS_CREDENTIAL_EXPIRATION", "SSO_CREDS_PROFILE"]), env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const seen = JSON.parse(r.stdout) as Record<string, string>;
    expect(seen).toMatchObject({ Arn: "arn:aws:sts::222222222222:assumed-role/Developer/batch-7", AWS_ACCOUNT_ID: "222222222222", SSO_CREDS_PROFILE: "arn:aws:iam::222222222222:role/Developer" });
    const left = Date.parse(seen.AWS_CREDENTIAL_EXPIRATION!) - before;
    expect(left).toBeGreaterThan(800_000);
    expect(left).toBeLessThanOrEqual(901_000);
    expect(emu.stats()).toMatchObject({ GetRoleCredentials: 1, AssumeRole: 1 });
  }, 60_000);

  it("env mode, a mounted ~/.aws with a role_arn + source_profile chain: every hop assumed in memory, the mount untouched", async () => {
    const aws = await mountAws(emu.mintToken());
    const before = await treeSnapshot(aws);
    const base = containerEnv({ SSO_MODE: "env", AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined });

    const staging = await entrypoint(caller(["AWS_REGION", "SSO_CREDS_PROFILE", "AWS_PROFILE"]), { ...base, AWS_PROFILE: "staging" });
    expect(staging.stderr).toBe("");
    // The role profile's own region, as the AWS CLI uses it (not its source's).
    expect(JSON.parse(staging.stdout)).toEqual({ Arn: "arn:aws:sts::222222222222:assumed-role/Developer/alice", AWS_REGION: "eu-west-1", SSO_CREDS_PROFILE: "staging", AWS_PROFILE: null });
    expect(emu.stats()).toMatchObject({ GetRoleCredentials: 1, AssumeRole: 1 });

    // Depth 2 with external_id, and a generated session name where the profile has none.
    const partner = await entrypoint(caller(), { ...base, AWS_PROFILE: "partner", AWS_REGION: "us-east-1" });
    expect(partner.stderr).toBe("");
    expect(JSON.parse(partner.stdout).Arn).toMatch(/^arn:aws:sts::444444444444:assumed-role\/PartnerAudit\/sso-creds-\d+$/);
    expect(emu.stats()).toMatchObject({ GetRoleCredentials: 2, AssumeRole: 3 });

    // SSO_ROLE_TO_ASSUME goes on top of the profile's chain.
    const onTop = await entrypoint(caller(["SSO_CREDS_PROFILE"]), { ...base, AWS_PROFILE: "staging", SSO_ROLE_TO_ASSUME: PARTNER, SSO_ROLE_EXTERNAL_ID: "ext-4711", SSO_ROLE_SESSION_NAME: "on-top" });
    expect(onTop.stderr).toBe("");
    expect(JSON.parse(onTop.stdout)).toEqual({ Arn: "arn:aws:sts::444444444444:assumed-role/PartnerAudit/on-top", SSO_CREDS_PROFILE: PARTNER });

    // Nothing written: no ~/.aws/cli/cache, the token file as it was.
    expect(await treeSnapshot(aws)).toEqual(before);
  }, 60_000);

  it("server mode through a chain: after the assumed role's credentials expire, the endpoint re-assumes it from fresh SSO role credentials", async () => {
    const aws = await mountAws(shortEmu.mintToken());
    const before = await treeSnapshot(aws);
    const script = `
      import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
      const get = async () => (await fetch(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI, { headers: { Authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN } })).json();
      const sts = new STSClient({});
      const who = async () => (await sts.send(new GetCallerIdentityCommand({}))).Arn;
      const first = await get();
      const firstArn = await who();
      await new Promise((r) => setTimeout(r, Date.parse(first.Expiration) - Date.now() + 1200));
      const second = await get();
      console.log(JSON.stringify({
        firstExpired: Date.parse(first.Expiration) < Date.now(),
        rotated: second.AccessKeyId !== first.AccessKeyId,
        secondValid: Date.parse(second.Expiration) > Date.now(),
        accountIds: [first.AccountId, second.AccountId],
        arns: [firstArn, await who()],
      }));`;
    const stats = { ...shortEmu.stats() };
    const r = await entrypoint([NODE, "--input-type=module", "-e", script], containerEnv({ AWS_PROFILE: "staging" }, shortEmu));
    expect(r.stderr).toBe("");
    const arn = "arn:aws:sts::222222222222:assumed-role/Developer/alice";
    expect(JSON.parse(r.stdout)).toEqual({ firstExpired: true, rotated: true, secondValid: true, accountIds: ["222222222222", "222222222222"], arns: [arn, arn] });
    // The SSO role's credentials lived 3 s too: each re-assumption was signed with new ones (old ones are ExpiredToken).
    expect((shortEmu.stats().AssumeRole ?? 0) - (stats.AssumeRole ?? 0)).toBeGreaterThanOrEqual(2);
    expect((shortEmu.stats().GetRoleCredentials ?? 0) - (stats.GetRoleCredentials ?? 0)).toBeGreaterThanOrEqual(2);
    expect(await treeSnapshot(aws)).toEqual(before);
  }, 60_000);

  it("a malformed SSO_ROLE_TO_ASSUME fails before any call", async () => {
    const r = await entrypoint(whoami(), containerEnv({ ...roleEnv, SSO_TOKEN: JSON.stringify(emu.mintToken()), SSO_ROLE_TO_ASSUME: "arn:aws:iam::2222:role/Developer" }));
    expectOneLineFailure(r, /^sso-creds: SSO_ROLE_TO_ASSUME is "arn:aws:iam::2222:role\/Developer", which is not an IAM role ARN\. Fix: set SSO_ROLE_TO_ASSUME to the role's ARN, arn:aws:iam::<12-digit account ID>:role\/<role name>$/);
    expect(emu.stats()).toEqual({});
  }, 30_000);
});

describe("the token", () => {
  it("refreshes a token near expiry in memory only: the mounted file and its directory stay untouched", async () => {
    const token = emu.mintToken({ accessTokenTtlSeconds: 60 });
    const file = await mountToken(token);
    const before = await snapshot(join(work, "mount"));
    const r = await entrypoint(whoami(), containerEnv({ ...roleEnv, SSO_TOKEN_FILE: file }));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(emu.stats().CreateToken).toBe(1);
    expect(await snapshot(join(work, "mount"))).toBe(before);
  }, 30_000);

  it("leaves the refresh to the host while more than 5 minutes remain (a refresh here would rotate the host's refresh token)", async () => {
    const file = await mountToken(emu.mintToken({ accessTokenTtlSeconds: 600 }));
    const r = await entrypoint(whoami(), containerEnv({ ...roleEnv, SSO_TOKEN_FILE: file }));
    expect(r.code).toBe(0);
    expect(emu.stats().CreateToken ?? 0).toBe(0);
    // A token handed over in SSO_TOKEN has no host to wait for: refreshed in the usual 15-minute window.
    const fromVariable = await entrypoint(whoami(), containerEnv({ ...roleEnv, SSO_TOKEN: JSON.stringify(emu.mintToken({ accessTokenTtlSeconds: 600 })) }));
    expect(fromVariable.code).toBe(0);
    expect(emu.stats().CreateToken).toBe(1);
  }, 30_000);

  it("server mode picks up the token the host renewed on the mount, after the old one was revoked", async () => {
    const dir = join(work, "live");
    await mkdir(dir);
    const file = join(dir, "token.json");
    const old = shortEmu.mintToken();
    await writeFile(file, JSON.stringify(old));
    const go = join(work, "go");
    const script = `
      const fs = require("fs");
      const get = async () => (await fetch(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI, { headers: { Authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN } })).json();
      (async () => {
        const first = await get();
        console.log("first");
        while (!fs.existsSync(${JSON.stringify(go)})) await new Promise((r) => setTimeout(r, 100));
        await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(first.Expiration) - Date.now()) + 1200));
        const second = await get();
        console.log(JSON.stringify({ rotated: second.AccessKeyId !== first.AccessKeyId, valid: Date.parse(second.Expiration) > Date.now() }));
      })();`;
    const p = start(NODE, [join(dist, "entrypoint.mjs"), NODE, "-e", script], { env: containerEnv({ ...roleEnv, SSO_TOKEN_FILE: file }, shortEmu) });
    await p.waitFor("first");
    // The host logs in again (a new token file, written as the AWS CLI does) and the old session is signed out.
    await writeFile(`${file}.tmp`, JSON.stringify(shortEmu.mintToken()));
    await rename(`${file}.tmp`, file);
    const logout = await fetch(`${shortEmu.url}/logout`, { method: "POST", headers: { "x-amz-sso_bearer_token": old.accessToken } });
    expect(logout.status).toBe(200);
    await writeFile(go, "");
    const r = await p.done;
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout.split("\n")[1]!)).toEqual({ rotated: true, valid: true });
  }, 30_000);

  it("expired and not refreshable: one line saying to log in on the host and re-copy, and the command never starts", async () => {
    const token = { ...emu.mintToken(), expiresAt: "2020-01-01T00:00:00Z", refreshToken: undefined };
    const file = await mountToken(token);
    const marker = join(work, "started");
    const r = await entrypoint([NODE, "-e", `require("fs").writeFileSync(${JSON.stringify(marker)}, "x")`], containerEnv({ ...roleEnv, SSO_TOKEN_FILE: file }));
    expectOneLineFailure(r, /expired at 2020-01-01T00:00:00Z and cannot be refreshed.*Run: sso login on the host .*copy the new token file .*re-mount it/, secretsOf(token));
    await expect(stat(marker)).rejects.toThrow();
    expect(emu.stats().GetRoleCredentials ?? 0).toBe(0);
  }, 30_000);

  it("finds the profile's token in a mounted ~/.aws, with account, role and region from its config", async () => {
    const home = join(work, "home");
    const token = emu.mintToken();
    await mkdir(join(home, ".aws", "sso", "cache"), { recursive: true });
    await writeFile(
      join(home, ".aws", "config"),
      `[profile dev]\nsso_session = my-sso\nsso_account_id = 222222222222\nsso_role_name = ReadOnlyAccess\nregion = eu-west-1\n\n[sso-session my-sso]\nsso_start_url = ${token.startUrl}\nsso_region = us-east-1\n`,
    );
    // A decoy for another session in the same cache: the profile's key must win over "newest".
    await writeFile(join(home, ".aws", "sso", "cache", "0000decoy.json"), JSON.stringify({ ...emu.mintToken(), accessToken: "aoa-decoy", expiresAt: "2099-01-01T00:00:00Z" }));
    await writeFile(join(home, ".aws", "sso", "cache", `${tokenCacheKey({ name: "my-sso", startUrl: token.startUrl })}.json`), JSON.stringify(token));
    const env = containerEnv({ AWS_PROFILE: "dev", AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined });
    const vars = await entrypoint(printEnv(["AWS_PROFILE", "AWS_REGION", "SSO_CREDS_PROFILE"]), env);
    expect(vars.stderr).toBe("");
    expect(JSON.parse(vars.stdout)).toEqual({ AWS_PROFILE: null, AWS_REGION: "eu-west-1", SSO_CREDS_PROFILE: "dev" });
    const who = await entrypoint(whoami(), env);
    expect(JSON.parse(who.stdout)).toMatchObject({ Account: "222222222222" });
  }, 30_000);

  it("a mounted cache directory without a profile: the newest token for its one start URL", async () => {
    const dir = join(work, "cache");
    await mkdir(dir);
    await writeFile(join(dir, "a.json"), JSON.stringify(emu.mintToken({ accessTokenTtlSeconds: 3600 })));
    await writeFile(join(dir, "b.json"), JSON.stringify({ clientId: "c", clientSecret: "s", expiresAt: "2099-01-01T00:00:00Z" }));
    await writeFile(join(dir, "c.json"), JSON.stringify({ ...emu.mintToken(), accessToken: "aoa-old-revoked", expiresAt: "2020-01-01T00:00:00Z", refreshToken: undefined }));
    const r = await entrypoint(whoami(), containerEnv({ ...roleEnv, SSO_TOKEN_FILE: dir }));
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({ Account: ACCOUNT });
  }, 30_000);
});

describe("bad settings and mounts: one line, no secret, nothing started", () => {
  const cases: Array<[string, () => Promise<Record<string, string | undefined>>, RegExp]> = [
    ["SSO_TOKEN_FILE names nothing", async () => ({ ...roleEnv, SSO_TOKEN_FILE: "/nonexistent/token.json" }), /SSO_TOKEN_FILE is \/nonexistent\/token\.json, which does not exist in the container\. Fix: mount/],
    [
      "an empty directory (Docker's stand-in for a missing host path)",
      async () => {
        await mkdir(join(work, "empty"));
        return { ...roleEnv, SSO_TOKEN_FILE: join(work, "empty") };
      },
      /is empty: Docker mounts an empty directory when the host path of -v does not exist/,
    ],
    [
      "a directory with only a client registration",
      async () => {
        await mkdir(join(work, "reg"));
        await writeFile(join(work, "reg", "r.json"), JSON.stringify({ clientId: "c", clientSecret: "s3cr3t-client", expiresAt: "2099-01-01T00:00:00Z" }));
        return { ...roleEnv, SSO_TOKEN_FILE: join(work, "reg") };
      },
      /has no SSO token file \(a \.json file with an accessToken\)/,
    ],
    ["a file that is not JSON", async () => ({ ...roleEnv, SSO_TOKEN_FILE: await mountToken({}, "x").then(async (f) => (await chmod(join(work, "mount"), 0o700), await writeFile(f, "aoa-secret-not-json {"), f)) }), /The token file .* is not JSON.*Run: sso login on the host/],
    [
      "tokens for two start URLs and no SSO_START_URL",
      async () => {
        await mkdir(join(work, "two"));
        await writeFile(join(work, "two", "a.json"), JSON.stringify(emu.mintToken()));
        await writeFile(join(work, "two", "b.json"), JSON.stringify(emu.mintToken({ startUrl: "https://d-9999999999.awsapps.com/start" })));
        return { ...roleEnv, SSO_TOKEN_FILE: join(work, "two") };
      },
      /tokens for several start URLs .*Fix: set SSO_START_URL/,
    ],
    ["no token anywhere", async () => roleEnv, /No SSO token: SSO_TOKEN and SSO_TOKEN_FILE are not set and .*\/\.aws\/sso\/cache does not exist/],
    ["no account and role", async () => ({ SSO_TOKEN: JSON.stringify(emu.mintToken()) }), /No account and role .*SSO_ACCOUNT_ID and SSO_ROLE_NAME are not set/],
    ["only the account", async () => ({ SSO_ACCOUNT_ID: ACCOUNT, SSO_TOKEN: "{}" }), /SSO_ACCOUNT_ID is set but SSO_ROLE_NAME is not/],
    ["an unknown mode", async () => ({ ...roleEnv, SSO_MODE: "daemon" }), /SSO_MODE is "daemon"; it must be server or env/],
    [
      "SSO_ROLE_TO_ASSUME that does not trust the SSO role",
      async () => ({ ...roleEnv, SSO_TOKEN: JSON.stringify(emu.mintToken()), SSO_ROLE_TO_ASSUME: "arn:aws:iam::222222222222:role/AdministratorAccess" }),
      /STS denied AssumeRole of arn:aws:iam::222222222222:role\/AdministratorAccess \(SSO_ROLE_TO_ASSUME\) to the SSO role ReadOnlyAccess in account 111111111111 .*Fix: arn:aws:iam::222222222222:role\/AdministratorAccess must trust that role/,
    ],
    ["SSO_ROLE_TO_ASSUME with a wrong external ID", async () => ({ ...roleEnv, SSO_TOKEN: JSON.stringify(emu.mintToken()), SSO_ROLE_TO_ASSUME: PARTNER, SSO_ROLE_EXTERNAL_ID: "wrong" }), /STS denied AssumeRole of .*PartnerAudit.*SSO_ROLE_EXTERNAL_ID/],
    ["SSO_ROLE_EXTERNAL_ID without SSO_ROLE_TO_ASSUME", async () => ({ ...roleEnv, SSO_TOKEN: "{}", SSO_ROLE_EXTERNAL_ID: "x" }), /SSO_ROLE_EXTERNAL_ID is set but SSO_ROLE_TO_ASSUME is not/],
    ["SSO_ROLE_DURATION_SECONDS that is not seconds", async () => ({ ...roleEnv, SSO_TOKEN: "{}", SSO_ROLE_TO_ASSUME: PARTNER, SSO_ROLE_DURATION_SECONDS: "1h" }), /SSO_ROLE_DURATION_SECONDS is "1h", not a whole number of seconds/],
    [
      "a chain hop the previous role may not assume",
      async () => {
        await mountAws(emu.mintToken(), "[profile admin]\nrole_arn = arn:aws:iam::222222222222:role/AdministratorAccess\nsource_profile = staging\n");
        return { AWS_PROFILE: "admin" };
      },
      /STS denied AssumeRole of arn:aws:iam::222222222222:role\/AdministratorAccess \(the role_arn of profile admin\) to the role arn:aws:iam::222222222222:role\/Developer\./,
    ],
    [
      "a chain with mfa_serial",
      async () => {
        await mountAws(emu.mintToken(), "[profile mfa]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = dev\nmfa_serial = arn:aws:iam::111111111111:mfa/jane\n");
        return { AWS_PROFILE: "mfa" };
      },
      /Profile mfa has mfa_serial: the container has no terminal to ask for an MFA code/,
    ],
  ];
  it.each(cases)("%s", async (_name, setup, message) => {
    const extra = await setup();
    const marker = join(work, "started");
    const r = await entrypoint([NODE, "-e", `require("fs").writeFileSync(${JSON.stringify(marker)}, "x")`], containerEnv(extra));
    expectOneLineFailure(r, message, ["aoa-secret-not-json", "s3cr3t-client", ...(extra.SSO_TOKEN && extra.SSO_TOKEN !== "{}" ? secretsOf(JSON.parse(extra.SSO_TOKEN) as MintedToken) : [])]);
    await expect(stat(marker)).rejects.toThrow();
  }, 30_000);

  it("no command", async () => {
    expectOneLineFailure(await entrypoint([], containerEnv(roleEnv)), /No command to run/);
  });
});
