import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assumeRoleCacheKey, registrationCacheKey, ssoCredentialsCacheKey, tokenCacheKey } from "./index.js";

// Property test against the reference: botocore's own SSOCredentialFetcher / AssumeRoleCredentialFetcher
// _create_cache_key, SSOTokenLoader._generate_cache_key, and the AWS CLI's registration key (json.dumps as the CLI
// calls it; botocore 1.43 has no registration cache). One python3 process for the whole batch.
const PY = String.raw`
import json, sys, hashlib
from botocore.credentials import SSOCredentialFetcher, AssumeRoleCredentialFetcher
from botocore.utils import SSOTokenLoader
out = []
for c in json.load(sys.stdin):
    loader = SSOTokenLoader(cache={})
    token = loader._generate_cache_key(c["startUrl"], c["sessionName"])
    sso = SSOCredentialFetcher(c["startUrl"], "us-east-1", c["roleName"], c["accountId"], None,
                               sso_session_name=c["sessionName"])._create_cache_key()
    extra = {k: v for k, v in c["assume"].items() if k != "RoleArn"}
    if "DurationSeconds" in extra: extra["DurationSeconds"] = int(extra["DurationSeconds"])
    ar = AssumeRoleCredentialFetcher(None, None, c["assume"]["RoleArn"], extra_args=extra)._create_cache_key()
    reg = hashlib.sha1(json.dumps({"tool": "botocore", "startUrl": c["startUrl"], "region": c["region"],
        "scopes": c["scopes"], "session_name": c["sessionName"]}, sort_keys=True).encode("utf-8")).hexdigest()
    out.append({"token": token, "sso": sso, "assume": ar, "registration": reg})
print(json.dumps(out))
`;

// Unicode, spaces, slashes, '#', quotes, backslashes, emoji, control characters.
const text = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
  fc.string({ unit: fc.constantFrom("a", " ", "/", "#", '"', "'", "\\", ";", "é", "😀", "\u007f", "\n", "\uffff", ":"), minLength: 1, maxLength: 12 }),
);
const policy = fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean(), fc.array(text, { maxLength: 3 })), { maxKeys: 4 });
const input = fc.record({
  startUrl: text,
  sessionName: fc.option(text, { nil: null }),
  accountId: text,
  roleName: text,
  region: text,
  scopes: fc.option(fc.array(text, { minLength: 1, maxLength: 3 }), { nil: null }),
  assume: fc.record(
    { RoleArn: text, RoleSessionName: text, ExternalId: text, SerialNumber: text, DurationSeconds: fc.integer({ min: 900, max: 43200 }), Policy: policy.map((p) => JSON.stringify(p)) },
    { requiredKeys: ["RoleArn"] },
  ),
});

describe("cache keys agree with botocore on generated input", () => {
  const cases = fc.sample(input, { numRuns: 300, seed: 20261123 });
  const run = spawnSync("python3", ["-c", PY], { input: JSON.stringify(cases), encoding: "utf8", maxBuffer: 64 << 20 });

  it("python3 + botocore produced a reference for every case", () => {
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toHaveLength(cases.length);
  });

  it("token, SSO credentials, AssumeRole and registration keys are byte-identical", () => {
    const theirs = JSON.parse(run.stdout) as { token: string; sso: string; assume: string; registration: string }[];
    cases.forEach((c, i) => {
      const sessionName = c.sessionName ?? undefined;
      const ours = {
        token: tokenCacheKey({ name: sessionName, startUrl: c.startUrl }),
        sso: ssoCredentialsCacheKey(
          sessionName !== undefined ? { accountId: c.accountId, roleName: c.roleName, sessionName } : { accountId: c.accountId, roleName: c.roleName, startUrl: c.startUrl },
        ),
        // Without RoleSessionName botocore generates one and leaves it out of the key.
        assume: assumeRoleCacheKey(
          c.assume.RoleSessionName === undefined ? { ...c.assume, RoleSessionName: "botocore-session-1" } : c.assume,
          { roleSessionNameGenerated: c.assume.RoleSessionName === undefined },
        ),
        registration: registrationCacheKey({ startUrl: c.startUrl, region: c.region, scopes: c.scopes ?? undefined, sessionName }),
      };
      expect({ case: i, ...ours }).toEqual({ case: i, ...theirs[i] });
    });
  });
});
