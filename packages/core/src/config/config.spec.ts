import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { resolveEndpoint } from "../endpoints/index.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { loadSharedConfig, resolveProfileName, resolveSsoProfile, resolveSsoSession } from "./index.js";

const CONFIG = `# comment
[default]
region = us-east-1 ; kept, as botocore keeps it

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
SSO_Role_Name: AdministratorAccess
region = us-west-2
services = emu

[profile legacy]
sso_start_url = https://d-0123456789.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 222222222222
sso_role_name = Developer

[profile clash]
sso_session = my-sso
sso_region = eu-central-1
sso_account_id = 1
sso_role_name = r

[profile half]
sso_account_id = 333333333333

[profile ghost]
sso_session = nope
sso_account_id = 1
sso_role_name = r

[profile static]
aws_access_key_id = AKIA

[sso-session my-sso]
sso_start_url = https://d-0123456789.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access, ,codewhisperer:completions

[services emu]
sso =
  endpoint_url = http://127.0.0.1:1/sso
sso_oidc =
  endpoint_url = http://127.0.0.1:1/oidc
`;

describe("shared config (botocore semantics)", () => {
  let t: TempHome;
  beforeEach(async () => {
    t = await createTempHome();
    await mkdir(join(t.home, ".aws"), { recursive: true });
    await writeFile(join(t.home, ".aws", "config"), CONFIG);
  });
  afterEach(() => t.cleanup());

  it("resolves an sso-session profile and a legacy profile", async () => {
    const c = await loadSharedConfig(t.deps);
    expect(c.profiles.default?.region).toBe("us-east-1 ; kept, as botocore keeps it");
    expect(resolveSsoProfile(c, "dev")).toEqual({
      profileName: "dev",
      accountId: "111111111111",
      roleName: "AdministratorAccess",
      region: "us-west-2",
      session: { name: "my-sso", startUrl: "https://d-0123456789.awsapps.com/start", region: "us-east-1", registrationScopes: ["sso:account:access", "codewhisperer:completions"] },
    });
    expect(resolveSsoProfile(c, "legacy").session).toEqual({ name: undefined, startUrl: "https://d-0123456789.awsapps.com/start", region: "eu-west-1", registrationScopes: undefined });
    expect(resolveSsoSession(c, { ssoSession: "my-sso" }).name).toBe("my-sso");
    expect(resolveSsoSession(c, { profile: "legacy" }).region).toBe("eu-west-1");
  });

  it.each([
    ["missing", /^The config profile missing could not be found in .*config\.$/],
    ["clash", /^The value for sso_region is inconsistent between profile clash \(eu-central-1\) and sso-session my-sso \(us-east-1\)/],
    ["half", /^Profile half is configured to use SSO but is missing required configuration: sso_start_url, sso_region, sso_role_name /],
    ["ghost", /^Profile ghost uses sso-session nope, which does not exist/],
    ["static", /^Profile static in .* is not an IAM Identity Center \(SSO\) profile\.$/],
  ])("profile %s: one-line ConfigError", async (name, message) => {
    const c = await loadSharedConfig(t.deps);
    expect(() => resolveSsoProfile(c, name)).toThrow(ConfigError);
    expect(() => resolveSsoProfile(c, name)).toThrow(message);
  });

  it("profile name: explicit, AWS_PROFILE, AWS_DEFAULT_PROFILE, default", () => {
    expect(resolveProfileName({ env: { AWS_PROFILE: "a", AWS_DEFAULT_PROFILE: "b" } }, "x")).toBe("x");
    expect(resolveProfileName({ env: { AWS_PROFILE: "a", AWS_DEFAULT_PROFILE: "b" } })).toBe("a");
    expect(resolveProfileName({ env: { AWS_DEFAULT_PROFILE: "b" } })).toBe("b");
    expect(resolveProfileName({ env: {} })).toBe("default");
  });

  it("endpoints: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, [services] block, endpoint_url; ignore flag", async () => {
    const c = await loadSharedConfig(t.deps);
    expect(resolveEndpoint({ env: {} }, c, "sso", "dev")).toBe("http://127.0.0.1:1/sso");
    expect(resolveEndpoint({ env: {} }, c, "sso_oidc", "dev")).toBe("http://127.0.0.1:1/oidc");
    expect(resolveEndpoint({ env: {} }, c, "sts", "dev")).toBeUndefined();
    expect(resolveEndpoint({ env: { AWS_ENDPOINT_URL: "http://all" } }, c, "sso", "dev")).toBe("http://all");
    expect(resolveEndpoint({ env: { AWS_ENDPOINT_URL: "http://all", AWS_ENDPOINT_URL_SSO_OIDC: "http://oidc" } }, c, "sso_oidc", "dev")).toBe("http://oidc");
    expect(resolveEndpoint({ env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true", AWS_ENDPOINT_URL_SSO: "http://x" } }, c, "sso", "dev")).toBeUndefined();
  });

  it("syntax errors and duplicate sections name the file and line; credentials file overrides config", async () => {
    await writeFile(join(t.home, ".aws", "config"), "[profile a]\nx = 1\n[profile a]\n");
    await expect(loadSharedConfig(t.deps)).rejects.toThrow(/^~\/\.aws\/config line 3: section \[profile a\] appears twice\.$/);
    await writeFile(join(t.home, ".aws", "config"), "[profile a]\nregion = us-east-1\n");
    await writeFile(join(t.home, ".aws", "credentials"), "[a]\nregion = eu-west-1\naws_access_key_id = AKIA\n");
    expect((await loadSharedConfig(t.deps)).profiles.a).toEqual({ region: "eu-west-1", aws_access_key_id: "AKIA" });
  });

  it("agrees with botocore's SSOProvider on the same file", async () => {
    const script = `
import json, os, botocore.session
from botocore.credentials import SSOProvider
out = {}
for p in ["dev", "legacy"]:
    s = botocore.session.Session(profile=p)
    prov = SSOProvider(load_config=lambda: s.full_config, client_creator=s.create_client, profile_name=p, cache={}, token_cache={})
    out[p] = prov._load_sso_config()
print(json.dumps(out))
`;
    const { stdout } = await promisify(execFile)("python3", ["-c", script], { env: { PATH: process.env.PATH, HOME: t.home } });
    const theirs = JSON.parse(stdout) as Record<string, Record<string, string>>;
    const c = await loadSharedConfig(t.deps);
    for (const name of ["dev", "legacy"]) {
      const ours = resolveSsoProfile(c, name);
      expect({ sso_start_url: ours.session.startUrl, sso_region: ours.session.region, sso_account_id: ours.accountId, sso_role_name: ours.roleName }).toEqual({
        sso_start_url: theirs[name]!.sso_start_url,
        sso_region: theirs[name]!.sso_region,
        sso_account_id: theirs[name]!.sso_account_id,
        sso_role_name: theirs[name]!.sso_role_name,
      });
      expect(ours.session.name ?? null).toBe(theirs[name]!.sso_session ?? null);
    }
  });
});
