import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as nodeFs from "node:fs/promises";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromSSO } from "@aws-sdk/credential-provider-sso";
import { defaultDeps, isSsoCredsError, loadSharedConfig, resolveSsoProfile } from "@sso-creds/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const URL1 = "https://d-0123456789.awsapps.com/start";
const URL2 = "https://d-9999999999.awsapps.com/start";
const S = `[sso-session my-sso]\nsso_start_url = ${URL1}\nsso_region = us-east-1\n`;
const P = `[profile dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = Admin\n`;
// Every token a resolution could look for: its accessToken names it, so we see which one each reader used.
const TOKEN_NAMES = ["my-sso", "my sso", URL1, URL2];

interface Case {
  name: string;
  config: string;
  credentials?: string;
  profile?: string;
}

// Configs where the INI dialects of botocore (configparser) and the JS SDK (smithy parseIni) can differ.
const CASES: Case[] = [
  { name: "sso-session profile", config: `${S}${P}` },
  { name: "legacy profile", config: `[profile dev]\nsso_start_url = ${URL1}\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = Admin\n` },
  { name: "quoted names with spaces", config: `[sso-session "my sso"]\nsso_start_url = ${URL1}\nsso_region = us-east-1\n[profile "dev team"]\nsso_session = my sso\nsso_account_id = 1\nsso_role_name = R\n`, profile: "dev team" },
  { name: "unquoted sso-session name with spaces", config: `[sso-session my sso]\nsso_start_url = ${URL1}\nsso_region = us-east-1\n[profile dev]\nsso_session = my sso\nsso_account_id = 1\nsso_role_name = R\n` },
  { name: "colon delimiter", config: `${S}[profile dev]\nsso_session: my-sso\nsso_account_id: 111111111111\nsso_role_name: Admin\n` },
  { name: "upper-case keys", config: `${S}[profile dev]\nSSO_SESSION = my-sso\nSSO_ACCOUNT_ID = 111111111111\nSso_Role_Name = Admin\n` },
  { name: "inline ; after a value", config: `${S}[profile dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = Admin ; note\n` },
  { name: "inline # after a value", config: `${S}[profile dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = Admin # note\n` },
  { name: "[DEFAULT] supplies sso_region", config: `[DEFAULT]\nsso_region = us-east-1\n[sso-session my-sso]\nsso_start_url = ${URL1}\n${P}` },
  { name: "continuation line in a value", config: `${S}[profile dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = Admin\n  Extra\n` },
  { name: "CRLF line endings", config: `${S}${P}`.replace(/\n/g, "\r\n") },
  { name: "UTF-8 byte order mark", config: `\ufeff${S}${P}` },
  { name: "value containing =", config: `${S}[profile dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = a=b\n` },
  { name: "no spaces around =", config: `${S}[profile dev]\nsso_session=my-sso\nsso_account_id=111111111111\nsso_role_name=Admin\n` },
  { name: "duplicate profile section", config: `${S}${P}[profile dev]\nsso_role_name = Other\n` },
  { name: "duplicate key", config: `${S}${P}sso_role_name = Other\n` },
  { name: "[default] and [profile default]", config: `${S}[default]\nsso_session = my-sso\nsso_account_id = 1\nsso_role_name = First\n[profile default]\nsso_session = my-sso\nsso_account_id = 2\nsso_role_name = Second\n`, profile: "default" },
  { name: "profile name with dots and @", config: `${S}[profile dev.team@corp]\nsso_session = my-sso\nsso_account_id = 1\nsso_role_name = R\n`, profile: "dev.team@corp" },
  { name: "conflicting sso_start_url", config: `${S}${P}sso_start_url = ${URL2}\n` },
  { name: "same sso_region in profile and session", config: `${S}${P}sso_region = us-east-1\n` },
  { name: "credentials file overrides a config key", config: `${S}${P}`, credentials: `[dev]\nsso_role_name = FromCredentials\n` },
  { name: "empty value", config: `${S}[profile dev]\nsso_session = my-sso\nsso_account_id =\nsso_role_name = Admin\n` },
  { name: "indented comment inside a section", config: `${S}[profile dev]\nsso_session = my-sso\n  # indented\nsso_account_id = 111111111111\nsso_role_name = Admin\n` },
];

/**
 * Where the JS SDK (fromSSO, @aws-sdk/credential-provider-sso 3.973 on @smithy/core parseIni) resolves differently
 * from botocore, and why we follow botocore: ~/.aws/config is the AWS CLI's file, written and read by it (and by
 * `aws configure sso`), so the AWS CLI's reading is the one users see; the JS SDK's parser is a simplified subset.
 */
const JS_DIFFERS: Record<string, string> = {
  "quoted names with spaces": "botocore shlex-splits headers, so [sso-session \"my sso\"] is the session `my sso`; the JS SDK's header regex allows no spaces and loses the profile",
  "colon delimiter": "configparser accepts `key: value`; the JS SDK only splits on `=` and sees no sso_* keys",
  "upper-case keys": "configparser lower-cases keys; the JS SDK keeps their case, so SSO_SESSION is not sso_session",
  "inline ; after a value": "configparser (inline_comment_prefixes=None) keeps ` ; note` in the value; the JS SDK strips it as a comment",
  "inline # after a value": "as for ';': botocore keeps ` # note`, the JS SDK strips it",
  "[DEFAULT] supplies sso_region": "configparser copies [DEFAULT] keys into every section; the JS SDK treats [DEFAULT] as an ordinary section",
  "continuation line in a value": "configparser joins an indented next line into the value (Admin\\nExtra); the JS SDK drops it",
  "duplicate profile section": "configparser (strict) raises DuplicateSectionError, so the AWS CLI fails; the JS SDK lets the later section win",
  "duplicate key": "configparser (strict) raises DuplicateOptionError; the JS SDK lets the later key win",
  "conflicting sso_start_url": "botocore's SSOProvider rejects a profile whose sso_start_url differs from its sso-session's; the JS SDK silently uses the session's",
};

/** Where we differ from botocore on purpose, each time siding with the JS SDK. */
const BOTOCORE_DIFFERS: Record<string, string> = {
  // Python opens the file as plain UTF-8: the mark reaches configparser before the first [section] and every AWS CLI
  // command fails; refusing it too would only add a second broken tool.
  "UTF-8 byte order mark": "botocore raises ConfigParseError; we and the JS SDK skip the BOM",
  // botocore passes "" on and fails later at GetRoleCredentials with a service error that does not name the key.
  "empty value": "botocore accepts sso_account_id = \"\"; we and the JS SDK report the missing key",
};

type Outcome = { ok: { accountId: string; roleName: string; token: string } } | { error: string };

const BOTOCORE = String.raw`
import json, os, sys, botocore.session
from botocore.credentials import SSOProvider
out = []
for c in json.load(sys.stdin):
    os.environ["AWS_CONFIG_FILE"] = c["config"]
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = c["credentials"]
    try:
        s = botocore.session.Session(profile=c["profile"])
        s.get_scoped_config()
        p = SSOProvider(load_config=lambda: s.full_config, client_creator=s.create_client, profile_name=c["profile"], cache={}, token_cache={})
        conf = p._load_sso_config()
        if not conf:
            out.append({"error": "NotSso"})
        else:
            out.append({"ok": {"accountId": conf["sso_account_id"], "roleName": conf["sso_role_name"],
                               "token": conf.get("sso_session") or conf["sso_start_url"]}})
    except Exception as e:
        out.append({"error": type(e).__name__})
print(json.dumps(out))
`;

// Case 7 (three readers): the same config files through our resolution, botocore's SSOProvider and the JS SDK's fromSSO.
describe("config dialect: we resolve SSO profiles as botocore does; the JS SDK's differences are listed and explained", () => {
  let home: string;
  const dirs: Array<{ config: string; credentials: string; profile: string }> = [];
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "sso-interop-dialect-"));
    const cache = join(home, ".aws", "sso", "cache");
    await mkdir(cache, { recursive: true });
    const expiresAt = new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    for (const name of TOKEN_NAMES) {
      const key = createHash("sha1").update(name).digest("hex");
      await writeFile(join(cache, `${key}.json`), JSON.stringify({ startUrl: URL1, region: "us-east-1", accessToken: `token:${name}`, expiresAt }));
    }
    for (const [i, c] of CASES.entries()) {
      const dir = join(home, `case${i}`);
      await mkdir(dir);
      await writeFile(join(dir, "config"), c.config);
      await writeFile(join(dir, "credentials"), c.credentials ?? "");
      dirs.push({ config: join(dir, "config"), credentials: join(dir, "credentials"), profile: c.profile ?? "dev" });
    }
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  const ours = async (d: (typeof dirs)[number]): Promise<Outcome> => {
    const deps = { ...defaultDeps({ env: { HOME: home, AWS_CONFIG_FILE: d.config, AWS_SHARED_CREDENTIALS_FILE: d.credentials } }), fs: nodeFs };
    try {
      const p = resolveSsoProfile(await loadSharedConfig(deps), d.profile);
      return { ok: { accountId: p.accountId, roleName: p.roleName, token: p.session.name ?? p.session.startUrl } };
    } catch (e) {
      if (!isSsoCredsError(e)) throw e;
      return { error: e.code ?? "error" };
    }
  };

  const js = async (d: (typeof dirs)[number]): Promise<Outcome> => {
    let seen: { accountId: string; roleName: string; accessToken: string } | undefined;
    // The SDK's own seam: a client whose send() records GetRoleCredentials instead of calling the service.
    const ssoClient = {
      send: async (command: { input: { accountId: string; roleName: string; accessToken: string } }) => {
        seen = command.input;
        return { roleCredentials: { accessKeyId: "ASIAJS", secretAccessKey: "s", sessionToken: "t", expiration: Date.now() + 3600_000 } };
      },
    };
    const saved = process.env.HOME;
    process.env.HOME = home;
    try {
      await fromSSO({ profile: d.profile, filepath: d.credentials, configFilepath: d.config, ignoreCache: true, ssoClient: ssoClient as never })();
      return { ok: { accountId: seen!.accountId, roleName: seen!.roleName, token: seen!.accessToken.replace(/^token:/, "") } };
    } catch (e) {
      return { error: (e as Error).name };
    } finally {
      process.env.HOME = saved;
    }
  };

  it("has at least 20 configs", () => expect(CASES.length).toBeGreaterThanOrEqual(20));

  it("our resolution equals botocore's on every config, success or failure", async () => {
    const run = spawnSync("python3", ["-c", BOTOCORE], { input: JSON.stringify(dirs), encoding: "utf8", env: { PATH: process.env.PATH, HOME: home } });
    expect(run.stderr).toBe("");
    const theirs = JSON.parse(run.stdout) as Outcome[];
    for (const [i, c] of CASES.entries()) {
      const o = await ours(dirs[i]!);
      const t = theirs[i]!;
      if (c.name in BOTOCORE_DIFFERS) {
        expect({ case: c.name, differ: ("ok" in o) !== ("ok" in t) }).toEqual({ case: c.name, differ: true });
        continue;
      }
      if ("ok" in t) expect({ case: c.name, ...o }).toEqual({ case: c.name, ...t });
      else expect({ case: c.name, failed: "error" in o, botocore: t.error }).toEqual({ case: c.name, failed: true, botocore: t.error });
    }
  });

  it("the JS SDK agrees except where listed, and differs where listed", async () => {
    const differs: string[] = [];
    const report: string[] = [];
    for (const [i, c] of CASES.entries()) {
      const [o, j] = [await ours(dirs[i]!), await js(dirs[i]!)];
      const agree = JSON.stringify("ok" in o ? o : { error: true }) === JSON.stringify("ok" in j ? j : { error: true });
      if (!agree) differs.push(c.name);
      report.push(`${agree ? "agree " : "DIFFER"} ${c.name}: ours ${JSON.stringify(o)} js ${JSON.stringify(j)}`);
    }
    if (process.env.SHOW_DIALECT) console.log(report.join("\n"));
    expect(differs).toEqual(Object.keys(JS_DIFFERS));
  });
});
