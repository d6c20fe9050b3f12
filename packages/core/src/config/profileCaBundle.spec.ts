import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSharedConfig } from "./loadSharedConfig.js";
import { parseAwsIni } from "./parseAwsIni.js";
import { profileCaBundle } from "./profileCaBundle.js";

// botocore's own reading of the proxies_config variables (configprovider.py DEFAULT_PROXIES_CONFIG_VARS through
// SectionConfigProvider): the session's get_config_variable("proxies_config") for the profile.
const BOTOCORE = `
import json, os, sys
import botocore.session
out = []
for path in json.load(sys.stdin):
    os.environ["AWS_CONFIG_FILE"] = path
    s = botocore.session.Session(profile="dev")
    out.append(s.get_config_variable("proxies_config"))
print(json.dumps(out))
`;

const configs = [
  "[profile dev]\nproxy_ca_bundle = /etc/proxy-ca.pem\n",
  "[profile dev]\nproxies_config =\n  proxy_ca_bundle = /nested.pem\n  proxy_client_cert = /client.pem\n",
  "[profile dev]\nproxy_ca_bundle = /top.pem\nproxies_config =\n  proxy_ca_bundle = /nested.pem\n",
  "[profile dev]\nproxy_use_forwarding_for_https = TRUE\n",
  "[profile dev]\nproxy_use_forwarding_for_https = yes\n",
  "[profile dev]\nproxy_use_forwarding_for_https = false\nproxy_client_cert = /c.pem\n",
  "[profile dev]\nregion = us-east-1\n",
  "[profile other]\nproxy_ca_bundle = /other.pem\n[profile dev]\nregion = us-east-1\n",
];

describe("profileCaBundle reads proxy_ca_bundle, proxy_client_cert and proxy_use_forwarding_for_https as botocore does", () => {
  it("agrees with botocore's proxies_config on each config", () => {
    const dir = mkdtempSync(join(tmpdir(), "sso-proxycfg-"));
    try {
      const paths = configs.map((text, i) => {
        const path = join(dir, `config${i}`);
        writeFileSync(path, text);
        return path;
      });
      const r = spawnSync("python3", ["-c", BOTOCORE], { input: JSON.stringify(paths), encoding: "utf8", env: { PATH: process.env.PATH, HOME: dir } });
      expect(r.status, r.stderr).toBe(0);
      const expected = JSON.parse(r.stdout) as Array<Record<string, unknown> | null>;
      configs.forEach((text, i) => {
        const config = buildSharedConfig(parseAwsIni(text), parseAwsIni(""), paths[i]!, join(dir, "credentials"));
        const proxy = profileCaBundle({ env: {} }, config, "dev")?.proxy;
        const want = expected[i] ?? {};
        expect({ ca: proxy?.caBundle?.path, cert: proxy?.clientCert?.path, forwarding: proxy?.useForwardingForHttps !== undefined }, text).toEqual({
          ca: want.proxy_ca_bundle,
          cert: want.proxy_client_cert,
          forwarding: want.proxy_use_forwarding_for_https === true,
        });
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names where each setting is set; ca_bundle alone keeps its meaning", () => {
    const config = buildSharedConfig(parseAwsIni("[profile dev]\nca_bundle = /ca.pem\nproxies_config =\n  proxy_ca_bundle = /p.pem\n"), parseAwsIni(""), "/home/u/.aws/config", "/home/u/.aws/credentials");
    const got = profileCaBundle({ env: {} }, config, "dev");
    expect(got?.path).toBe("/ca.pem");
    expect(got?.source).toBe("ca_bundle under [profile dev] in /home/u/.aws/config");
    expect(got?.proxy?.caBundle).toEqual({ path: "/p.pem", source: "proxy_ca_bundle (in proxies_config) under [profile dev] in /home/u/.aws/config" });
    expect(profileCaBundle({ env: {} }, buildSharedConfig(parseAwsIni("[profile dev]\nregion = x\n"), parseAwsIni(""), "c", "k"), "dev")).toBeUndefined();
  });
});
