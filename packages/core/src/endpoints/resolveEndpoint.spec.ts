import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadSharedConfig } from "../config/index.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { resolveEndpoint, type EndpointService } from "./index.js";

const CONFIG = `[profile viaServices]
services = emu
endpoint_url = http://127.0.0.1:9/profile

[profile viaProfile]
endpoint_url = http://127.0.0.1:9/profile

[profile ignoring]
ignore_configured_endpoint_urls = true
endpoint_url = http://127.0.0.1:9/profile

[profile plain]
region = us-east-1

[services emu]
sso =
  endpoint_url = http://127.0.0.1:9/sso
SSO_OIDC =
  endpoint_url = http://127.0.0.1:9/oidc
`;

let t: TempHome;
beforeAll(async () => {
  t = await createTempHome();
  await mkdir(join(t.home, ".aws"));
  await writeFile(join(t.home, ".aws", "config"), CONFIG);
});
afterAll(() => t.cleanup());

const services: EndpointService[] = ["sso", "sso_oidc", "sts"];
const envs: Record<string, string>[] = [
  {},
  { AWS_ENDPOINT_URL: "http://127.0.0.1:9/all" },
  { AWS_ENDPOINT_URL: "http://127.0.0.1:9/all", AWS_ENDPOINT_URL_SSO_OIDC: "http://127.0.0.1:9/env-oidc", AWS_ENDPOINT_URL_STS: "http://127.0.0.1:9/env-sts" },
  { AWS_ENDPOINT_URL_SSO: "http://127.0.0.1:9/env-sso", AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "TRUE" },
  { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "false" },
];
const profiles = ["viaServices", "viaProfile", "ignoring", "plain"];

// The reference: the endpoint of the client botocore itself builds for each profile and environment.
it("matches the endpoint botocore's own clients use, for every profile × environment × service", async () => {
  const cases = envs.flatMap((env) => profiles.flatMap((profile) => services.map((service) => ({ env, profile, service }))));
  const py = String.raw`
import json, os, sys, botocore.session
out = []
for c in json.load(sys.stdin):
    for k in [k for k in os.environ if k.startswith("AWS_ENDPOINT_URL") or k == "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]: del os.environ[k]
    os.environ.update(c["env"])
    s = botocore.session.Session(profile=c["profile"])
    client = s.create_client(c["service"].replace("_", "-"), region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
    out.append(client.meta.endpoint_url)
print(json.dumps(out))
`;
  const run = spawnSync("python3", ["-c", py], { input: JSON.stringify(cases), encoding: "utf8", env: { PATH: process.env.PATH, HOME: t.home } });
  expect(run.stderr).toBe("");
  const theirs = JSON.parse(run.stdout) as string[];
  const config = await loadSharedConfig(t.deps);
  cases.forEach((c, i) => {
    const ours = resolveEndpoint({ env: c.env }, config, c.service, c.profile);
    // botocore falls back to the regional AWS endpoint where we return undefined (the SDK's default).
    const expected = theirs[i]!.startsWith("http://127.0.0.1") ? theirs[i] : undefined;
    expect({ ...c, endpoint: ours }).toEqual({ ...c, endpoint: expected });
  });
});
