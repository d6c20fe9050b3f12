import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bypassesProxy, proxyFor, redactProxyUrl } from "./proxyForUrl.js";

// botocore's own route for a URL: get_environ_proxies (urllib getproxies + proxy_bypass on Linux), then
// ProxyConfiguration.proxy_url_for, run with exactly the case's environment (in the case's order).
const BOTOCORE = `
import json, os, sys
from botocore.utils import get_environ_proxies
from botocore.httpsession import ProxyConfiguration
out = []
for case in json.load(sys.stdin):
    os.environ.clear()
    for k, v in case["env"]:
        os.environ[k] = v
    url = case["scheme"] + "://" + case["netloc"] + "/"
    out.append(ProxyConfiguration(proxies=get_environ_proxies(url)).proxy_url_for(url))
print(json.dumps(out))
`;

interface Case {
  env: Array<[string, string]>;
  scheme: "https" | "http";
  netloc: string;
}

function botocoreRoutes(cases: Case[]): Array<string | null> {
  const r = spawnSync("python3", ["-c", BOTOCORE], { input: JSON.stringify(cases), encoding: "utf8", env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Array<string | null>;
}

const hosts = ["oidc.us-east-1.amazonaws.com", "portal.sso.eu-west-1.amazonaws.com", "sts.amazonaws.com", "127.0.0.1", "10.1.2.3", "[::1]", "localhost", "Example.COM", "internal.corp", "amazonaws.com"];
const noProxyEntries = [
  "*", "amazonaws.com", ".amazonaws.com", "..amazonaws.com", "AMAZONAWS.COM", "sso.eu-west-1.amazonaws.com", "oidc.us-east-1.amazonaws.com:443",
  "127.0.0.1", "127.0.0.0/8", "10.0.0.0/8", "10.1.2.3:8443", "[::1]", "::1", "localhost", "example.com", "*.amazonaws.com", "corp", ".corp",
  " amazonaws.com ", "", ".", "com", "host:", ":443", "\tlocalhost\n", "zonaws.com",
];
const netloc = fc.tuple(fc.constantFrom(...hosts), fc.option(fc.constantFrom("443", "8443", "80", ""), { nil: undefined })).map(([h, p]) => (p === undefined ? h : `${h}:${p}`));
const proxyValue = fc.constantFrom("http://proxy:3128", "proxy.corp:8080", "//proxy:1", "https://p.example:443", "http://u:p%40ss@proxy:3128", "socks5://x:1");
const names = {
  https: ["https_proxy", "HTTPS_PROXY", "Https_Proxy", "HTTPS_proxy"],
  http: ["http_proxy", "HTTP_PROXY", "Http_proxy"],
  no: ["no_proxy", "NO_PROXY", "No_Proxy", "NO_proxy"],
};
const envEntry = fc.oneof(
  fc.tuple(fc.constantFrom(...names.https, ...names.http), fc.oneof(proxyValue, fc.constant(""))),
  fc.tuple(fc.constantFrom(...names.no), fc.oneof(fc.constantFrom("*", "", " *"), fc.array(fc.constantFrom(...noProxyEntries), { minLength: 1, maxLength: 4 }).map((a) => a.join(",")))),
  fc.tuple(fc.constantFrom("ALL_PROXY", "all_proxy", "REQUEST_METHOD"), fc.constantFrom("http://all:1", "GET")),
);
const caseArb: fc.Arbitrary<Case> = fc.record({
  env: fc.uniqueArray(envEntry, { maxLength: 6, selector: ([k]) => k }),
  scheme: fc.constantFrom("https" as const, "http" as const),
  netloc,
});

describe("proxyFor follows botocore (generated against python3's botocore)", () => {
  it("agrees on 3000 generated environments and hosts", () => {
    const cases = fc.sample(caseArb, { numRuns: 3000, seed: Number(process.env.SEED ?? Date.now() % 1e9) });
    const expected = botocoreRoutes(cases);
    const mismatches = cases
      .map((c, i) => ({ c, want: expected[i] ?? undefined, got: proxyFor(Object.fromEntries(c.env), c.scheme, c.netloc) }))
      .filter((m) => m.got !== m.want);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("known cases", () => {
    const env = { HTTPS_PROXY: "http://proxy:3128", NO_PROXY: ".internal.corp,127.0.0.1,amazonaws.com:8443" };
    expect(proxyFor(env, "https", "oidc.us-east-1.amazonaws.com")).toBe("http://proxy:3128");
    expect(proxyFor(env, "https", "api.internal.corp")).toBeUndefined();
    expect(proxyFor(env, "https", "127.0.0.1:8443")).toBeUndefined();
    expect(proxyFor(env, "http", "oidc.us-east-1.amazonaws.com")).toBeUndefined(); // no HTTP_PROXY
    expect(proxyFor({ https_proxy: "", HTTPS_PROXY: "http://p:1" }, "https", "x")).toBeUndefined(); // empty lower-case wins
    expect(proxyFor({ HTTPS_PROXY: "p:1" }, "https", "x")).toBe("http://p:1");
    expect(bypassesProxy("10.1.2.3", "10.0.0.0/8")).toBe(false); // no CIDR in botocore
  });

  it("redacts credentials from a proxy URL", () => {
    expect(redactProxyUrl("http://alice:s%40cret@proxy.corp:3128")).toBe("http://proxy.corp:3128");
    expect(redactProxyUrl("http://alice:s3cret@proxy.corp")).not.toContain("s3cret");
  });
});
