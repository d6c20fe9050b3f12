import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { credentialProcessConflicts, isSsoProfile, loadSharedConfig, resolveSsoProfile, resolveSsoSession } from "./index.js";

// Fake, but shaped like real secrets: none may ever appear in an error.
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN";
const KEYS = `aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`;
const URL = "https://d-0123456789.awsapps.com/start";
const SESSION = `[sso-session my-sso]\nsso_start_url = ${URL}\nsso_region = us-east-1\n`;
const DEV = `[profile dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = ReadOnlyAccess\n`;
// A directory where the file should be: reading fails even as root (chmod 000 would not).
const DIR = { directory: true } as const;

type FileBody = string | Buffer | typeof DIR;
interface Case {
  name: string;
  config?: FileBody;
  credentials?: FileBody;
  /** What is asked: load only, a profile, or the session for `sso login`. */
  ask: { load: true } | { profile: string } | { login: { profile?: string; ssoSession?: string } };
  /** Must match the message: it names the file and the section or key. */
  message: RegExp;
}

const garbage = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 131 + 7) % 256));
const huge = "x".repeat(1 << 20);

const CASES: Case[] = [
  { name: "empty file", config: "", ask: { profile: "dev" }, message: /profile dev could not be found in .*\.aws\/config/ },
  { name: "comments only", config: "# nothing\n; here\n\n", ask: { profile: "dev" }, message: /profile dev could not be found in .*\.aws\/config/ },
  { name: "no config file at all", ask: { profile: "dev" }, message: /profile dev could not be found in .*\.aws\/config/ },
  { name: "binary garbage", config: garbage, ask: { load: true }, message: /^~\/\.aws\/config is not a text file/ },
  { name: "invalid UTF-8", config: Buffer.concat([Buffer.from(`${DEV}sso_x = `), Buffer.from([0xff, 0xfe, 0xc3])]), ask: { load: true }, message: /^~\/\.aws\/config is not a text file/ },
  { name: "NUL inside a valid file", config: `${SESSION}\n${DEV}region = us\u0000east-1\n`, ask: { profile: "dev" }, message: /^~\/\.aws\/config is not a text file/ },
  { name: "config is a directory (unreadable)", config: DIR, ask: { load: true }, message: /^Cannot read ~\/\.aws\/config \(EISDIR\)/ },
  { name: "credentials is a directory (unreadable)", config: `${SESSION}${DEV}`, credentials: DIR, ask: { profile: "dev" }, message: /^Cannot read ~\/\.aws\/credentials \(EISDIR\)/ },
  { name: "truncated section header", config: `${SESSION}[profile dev\nsso_sess`, ask: { load: true }, message: /^~\/\.aws\/config line 4: not a valid \[section\] header/ },
  { name: "truncated key", config: `${SESSION}${DEV}sso_regi`, ask: { load: true }, message: /^~\/\.aws\/config line 8: not a section/ },
  { name: "setting before any section", config: `region = us-east-1\n${SESSION}`, ask: { load: true }, message: /^~\/\.aws\/config line 1: a setting before any \[section\]/ },
  { name: "indented line before any section", config: `  region = us-east-1\n${SESSION}`, ask: { load: true }, message: /^~\/\.aws\/config line 1: a setting before any \[section\]/ },
  { name: "empty brackets", config: `[]\n${SESSION}`, ask: { load: true }, message: /^~\/\.aws\/config line 1: not a valid \[section\] header/ },
  { name: "duplicate profile section", config: `${SESSION}${DEV}${KEYS}${DEV}`, ask: { load: true }, message: /line 11: section \[profile dev\] appears twice/ },
  { name: "duplicate sso-session section", config: `${SESSION}${SESSION}`, ask: { load: true }, message: /line 4: section \[sso-session my-sso\] appears twice/ },
  { name: "duplicate key", config: `${SESSION}${DEV}aws_secret_access_key = ${SECRET}\naws_secret_access_key = ${SECRET}\n`, ask: { load: true }, message: /line 9: key aws_secret_access_key appears twice/ },
  { name: "duplicate key differing in case", config: `${SESSION}${DEV}SSO_ROLE_NAME = Admin\n`, ask: { load: true }, message: /line 8: key sso_role_name appears twice/ },
  { name: "duplicate key, CRLF", config: `${SESSION}${DEV}sso_role_name = x\n`.replace(/\n/g, "\r\n"), ask: { load: true }, message: /line 8: key sso_role_name appears twice/ },
  { name: "duplicate section in credentials", config: SESSION, credentials: `[dev]\n${KEYS}[dev]\n${KEYS}`, ask: { load: true }, message: /^~\/\.aws\/credentials line 5: section \[dev\] appears twice/ },
  { name: "legacy profile missing keys", config: `[profile dev]\nsso_start_url = ${URL}\n${KEYS}`, ask: { profile: "dev" }, message: /Profile dev .* missing required configuration: sso_region, sso_account_id, sso_role_name \(.*\.aws\/config\)/ },
  { name: "session profile missing account and role", config: `${SESSION}[profile dev]\nsso_session = my-sso\n`, ask: { profile: "dev" }, message: /Profile dev .* missing required configuration: sso_account_id, sso_role_name/ },
  { name: "sso-session missing sso_region", config: `[sso-session my-sso]\nsso_start_url = ${URL}\n${DEV}`, ask: { profile: "dev" }, message: /Profile dev .* missing required configuration: sso_region \(.*config\)/ },
  { name: "empty value counts as missing", config: `${SESSION}[profile dev]\nsso_session = my-sso\nsso_account_id =\nsso_role_name = R\n`, ask: { profile: "dev" }, message: /missing required configuration: sso_account_id/ },
  { name: "sub-section where a string belongs", config: `[sso-session my-sso]\nsso_start_url = ${URL}\nsso_region =\n  a = b\n${DEV}`, ask: { profile: "dev" }, message: /missing required configuration: sso_region/ },
  { name: "unknown sso-session", config: `${SESSION}[profile dev]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n`, ask: { profile: "dev" }, message: /Profile dev uses sso-session nope, which does not exist in .*\.aws\/config/ },
  { name: "conflicting sso_start_url", config: `${SESSION}${DEV}sso_start_url = https://d-9999999999.awsapps.com/start\n`, ask: { profile: "dev" }, message: /The value for sso_start_url is inconsistent between profile dev .* and sso-session my-sso .* in .*config/ },
  { name: "conflicting sso_region", config: `${SESSION}${DEV}sso_region = eu-west-1\n`, ask: { profile: "dev" }, message: /The value for sso_region is inconsistent between profile dev \(eu-west-1\) and sso-session my-sso \(us-east-1\)/ },
  { name: "non-SSO profile with static keys", config: `${SESSION}[profile dev]\n${KEYS}`, ask: { profile: "dev" }, message: /Profile dev in .*\.aws\/config is not an IAM Identity Center \(SSO\) profile/ },
  { name: "non-SSO profile from the credentials file", config: SESSION, credentials: `[dev]\n${KEYS}`, ask: { profile: "dev" }, message: /Profile dev in .*\.aws\/config is not an IAM Identity Center/ },
  { name: "unknown profile, secrets elsewhere", config: `${SESSION}${DEV}`, credentials: `[other]\n${KEYS}`, ask: { profile: "prod" }, message: /The config profile prod could not be found in .*\.aws\/config/ },
  { name: "odd unicode profile name", config: `${SESSION}[profile "dév\u200b ünï"]\nsso_session = my-sso\n`, ask: { profile: "dév\u200b ünï" }, message: /Profile dév\u200b ünï is configured to use SSO but is missing required configuration: sso_account_id, sso_role_name/ },
  { name: "huge value line", config: `${SESSION}[profile dev]\nsso_session = my-sso\nsso_account_id = 1\nnote = ${huge}\n`, ask: { profile: "dev" }, message: /Profile dev .* missing required configuration: sso_role_name/ },
  { name: "huge line without delimiter", config: `${SESSION}${huge}\n`, ask: { load: true }, message: /^~\/\.aws\/config line 4: not a section/ },
  { name: "login: unknown --sso-session", config: `${SESSION}${DEV}`, ask: { login: { ssoSession: "nope" } }, message: /The sso-session nope does not exist in .*\.aws\/config/ },
  { name: "login: sso-session missing start URL", config: `[sso-session my-sso]\nsso_region = us-east-1\n`, ask: { login: { ssoSession: "my-sso" } }, message: /The sso-session my-sso in .*config is missing sso_start_url/ },
  { name: "login: nothing configured", config: `[default]\n${KEYS}`, ask: { login: {} }, message: /\.aws\/config has no \[sso-session\] section and no SSO profile/ },
  { name: "login: several sessions", config: `${SESSION}[sso-session b]\nsso_start_url = ${URL}\nsso_region = eu-west-1\n`, ask: { login: {} }, message: /\.aws\/config has several sso-sessions \(my-sso, b\)/ },
  { name: "login: profile that is not SSO", config: `[profile dev]\n${KEYS}`, ask: { login: { profile: "dev" } }, message: /Profile dev in .*config is not an IAM Identity Center/ },
];

async function place(path: string, body: FileBody | undefined): Promise<void> {
  if (body === undefined) return;
  if (typeof body === "object" && !Buffer.isBuffer(body)) await mkdir(path);
  else await writeFile(path, body);
}

async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(dir)) {
    const p = join(dir, name);
    out[name] = (await stat(p)).isDirectory() ? "dir" : createHash("sha256").update(await readFile(p)).digest("hex");
  }
  return out;
}

async function ask(t: TempHome, c: Case): Promise<unknown> {
  const config = await loadSharedConfig(t.deps);
  if ("profile" in c.ask) return resolveSsoProfile(config, c.ask.profile);
  if ("login" in c.ask) return resolveSsoSession(config, c.ask.login);
  return config;
}

describe("bad-input corpus: one clear line, file and section named, no secret echoed, files untouched", () => {
  let t: TempHome;
  beforeAll(async () => {
    t = await createTempHome();
  });
  afterAll(() => t.cleanup());

  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const aws = join(t.home, ".aws", c.name.replace(/\W+/g, "-"));
    await mkdir(aws, { recursive: true });
    const configFile = join(aws, "config");
    const credentialsFile = join(aws, "credentials");
    await place(configFile, c.config);
    await place(credentialsFile, c.credentials);
    const before = await hashTree(aws);
    // Relocated per case: AWS_CONFIG_FILE with ~ and $VAR expansion, as botocore does.
    const deps = { ...t.deps, env: { ...t.deps.env, CASE_DIR: aws.slice(t.home.length + 1), AWS_CONFIG_FILE: "~/$CASE_DIR/config", AWS_SHARED_CREDENTIALS_FILE: `~/\${CASE_DIR}/credentials` } };
    const error = await ask({ ...t, deps }, c).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    const line = e.toUserLine();
    // Tilde paths in load errors are relative to HOME: map the case directory back for the assertion.
    expect(e.message.replace(aws.slice(t.home.length + 1), ".aws")).toMatch(c.message);
    expect(e.message).not.toMatch(/[\r\n]/);
    expect(line).not.toMatch(/[\r\n]|\n\s+at /);
    expect(e.fix, "every error says how to fix it").toBeTruthy();
    for (const s of [SECRET, TOKEN, "AKIAIOSFODNN7EXAMPLE", huge.slice(0, 100)]) expect(line).not.toContain(s);
    expect(line.length).toBeLessThan(600);
    expect(await hashTree(aws)).toEqual(before);
  });

  it("has at least 30 malformed configs", () => expect(CASES.length).toBeGreaterThanOrEqual(30));
});

describe("credential_process beside sso_* keys", () => {
  it("reports which keys conflict", () => {
    expect(credentialProcessConflicts({ credential_process: "sso-creds x", sso_session: "a", sso_role_name: "R", region: "us-east-1" })).toEqual(["sso_session", "sso_role_name"]);
    expect(credentialProcessConflicts({ credential_process: "x", region: "us-east-1" })).toEqual([]);
    expect(credentialProcessConflicts({ sso_session: "a" })).toEqual([]);
    expect(isSsoProfile({ sso_account_id: "1" })).toBe(true);
    expect(isSsoProfile({ aws_access_key_id: "AKIA" })).toBe(false);
  });
});

// Good configs that must resolve, to check agreement on the success path too.
const GOOD: { name: string; config: string; credentials?: string; profile: string }[] = [
  { name: "sso-session profile", config: `${SESSION}${DEV}`, profile: "dev" },
  { name: "legacy profile", config: `[profile dev]\nsso_start_url = ${URL}\nsso_region = eu-west-1\nsso_account_id = 222222222222\nsso_role_name = Developer\n`, profile: "dev" },
  { name: "colon delimiter, upper-case keys, inline ; kept", config: `${SESSION}[profile dev]\nSSO_SESSION: my-sso\nsso_account_id: 111111111111\nsso_role_name = Admin ; not a comment\n`, profile: "dev" },
  { name: "[default] then [profile default]: later wins", config: `${SESSION}[default]\nsso_session = my-sso\nsso_account_id = 1\nsso_role_name = First\n[profile default]\nsso_session = my-sso\nsso_account_id = 2\nsso_role_name = Second\n`, profile: "default" },
  { name: "quoted spaced profile and session", config: `[sso-session "my sso"]\nsso_start_url = ${URL}\nsso_region = us-east-1\n[profile "spaced name"]\nsso_session = my sso\nsso_account_id = 1\nsso_role_name = R\n`, profile: "spaced name" },
  { name: "credentials file overrides config keys", config: `${SESSION}${DEV}`, credentials: `[dev]\nsso_role_name = FromCredentials\n`, profile: "dev" },
  { name: "same value in profile and session is fine", config: `${SESSION}${DEV}sso_region = us-east-1\n`, profile: "dev" },
  { name: "comments and nested services", config: `# top\n${SESSION}; c\n${DEV}services = emu\n  # indented comment\n[services emu]\nsso =\n  endpoint_url = http://127.0.0.1:1\n`, profile: "dev" },
  { name: "[DEFAULT] keys inherited by every section", config: `[DEFAULT]\nsso_region = us-east-1\n[sso-session my-sso]\nsso_start_url = ${URL}\n${DEV}`, profile: "dev" },
  { name: "legacy profile via the credentials file", config: "", credentials: `[dev]\nsso_start_url = ${URL}\nsso_region = eu-west-1\nsso_account_id = 3\nsso_role_name = R\n`, profile: "dev" },
  { name: "unicode role and hash in values", config: `${SESSION}[profile dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = Rôle#1\n`, profile: "dev" },
];

// botocore's own resolution of the same files: Session(profile=…).full_config through SSOProvider's load path.
// Deliberate differences (the comparison maps them explicitly):
//  - a profile with only sso_start_url/sso_region: botocore's SSOProvider is not activated (it needs sso_role_name or
//    sso_account_id) and falls through to "no credentials"; we report the missing keys, which is what the user needs.
//  - binary or non-UTF-8 files, NUL bytes: botocore fails with a decode error or parses garbage; we report the file.
//  - a config path that is a directory: botocore skips it (os.path.isfile) and loads the rest; we report it.
//  - a duplicate section in the credentials file: botocore raises as we do; both are errors.
//  - login cases (`sso login`) are the AWS CLI's, not botocore's, and are not compared here.
//  - an empty value (`sso_account_id =`): botocore accepts "" and fails later at GetRoleCredentials; we say it is missing.
//  - a nested block where a string belongs (`sso_region =` + indented lines): botocore passes the dict on and fails later.
const DIFFERS = new Set(["legacy profile missing keys", "empty value counts as missing", "sub-section where a string belongs"]);
const BOTOCORE = String.raw`
import json, sys, botocore.session
from botocore.credentials import SSOProvider
out = []
for c in json.load(sys.stdin):
    import os
    os.environ["AWS_CONFIG_FILE"] = c["config"]
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = c["credentials"]
    try:
        s = botocore.session.Session(profile=c["profile"])
        s.get_scoped_config()
        p = SSOProvider(load_config=lambda: s.full_config, client_creator=s.create_client, profile_name=c["profile"], cache={}, token_cache={})
        conf = p._load_sso_config()
        out.append({"ok": conf} if conf else {"error": "NotSso"})
    except Exception as e:
        out.append({"error": type(e).__name__})
print(json.dumps(out))
`;

describe("agreement with botocore on the corpus and good configs", () => {
  it("resolves the same start URL, region, session, account and role, or fails where botocore fails", async () => {
    const t = await createTempHome();
    try {
      const inputs: { name: string; config: string; credentials: string; profile: string; expectError: boolean; botocoreDiffers?: boolean }[] = [];
      const all: { name: string; config: FileBody | undefined; credentials: FileBody | undefined; profile: string; expectError: boolean; botocoreDiffers: boolean }[] = [
        ...GOOD.map((g) => ({ name: g.name, config: g.config as FileBody | undefined, credentials: g.credentials as FileBody | undefined, profile: g.profile, expectError: false, botocoreDiffers: false })),
        ...CASES.filter((c) => "profile" in c.ask && c.config !== DIR && c.credentials !== DIR).map((c) => ({
          name: c.name,
          config: c.config,
          credentials: c.credentials,
          profile: (c.ask as { profile: string }).profile,
          expectError: true,
          botocoreDiffers: /not a text file/.test(c.message.source) || DIFFERS.has(c.name),
        })),
      ];
      for (const [i, c] of all.entries()) {
        const dir = join(t.home, `case${i}`);
        await mkdir(dir);
        await place(join(dir, "config"), c.config);
        await place(join(dir, "credentials"), c.credentials);
        inputs.push({ name: c.name, config: join(dir, "config"), credentials: join(dir, "credentials"), profile: c.profile, expectError: c.expectError, botocoreDiffers: c.botocoreDiffers });
      }
      expect(inputs.length).toBeGreaterThanOrEqual(20);
      const run = spawnSync("python3", ["-c", BOTOCORE], { input: JSON.stringify(inputs), encoding: "utf8", env: { PATH: process.env.PATH, HOME: t.home } });
      expect(run.stderr).toBe("");
      const theirs = JSON.parse(run.stdout) as ({ ok: Record<string, string> } | { error: string })[];
      for (const [i, c] of inputs.entries()) {
        const deps = { ...t.deps, env: { AWS_CONFIG_FILE: c.config, AWS_SHARED_CREDENTIALS_FILE: c.credentials } };
        const ours = await loadSharedConfig(deps)
          .then((config) => resolveSsoProfile(config, c.profile))
          .then(
            (p) => ({ ok: { sso_start_url: p.session.startUrl, sso_region: p.session.region, sso_account_id: p.accountId, sso_role_name: p.roleName, sso_session: p.session.name ?? null } }),
            (e: unknown) => ({ error: (e as ConfigError).code }),
          );
        const ref = theirs[i]!;
        expect({ case: c.name, failed: "error" in ours }).toEqual({ case: c.name, failed: c.expectError });
        if (c.botocoreDiffers) {
          expect({ case: c.name, failed: "error" in ours }).toEqual({ case: c.name, failed: true });
          continue;
        }
        if ("ok" in ref) {
          const { sso_start_url, sso_region, sso_account_id, sso_role_name, sso_session } = ref.ok;
          expect({ case: c.name, ...ours }).toEqual({ case: c.name, ok: { sso_start_url, sso_region, sso_account_id, sso_role_name, sso_session: sso_session ?? null } });
        } else {
          expect({ case: c.name, failed: "error" in ours, botocore: ref.error }).toEqual({ case: c.name, failed: true, botocore: ref.error });
        }
      }
    } finally {
      await t.cleanup();
    }
  });
});
