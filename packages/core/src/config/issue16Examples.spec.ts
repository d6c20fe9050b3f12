import { describe, expect, it } from "vitest";
import { resolveRoleChain } from "./resolveRoleChain.js";
import { assumeRoleCachePath } from "../assume-role/assumeRoleCachePath.js";
import { ConfigError } from "../errors.js";
import { sha1Hex } from "../hash/sha1Hex.js";
import { assumeRoleCacheKey, registrationCacheKey, ssoCredentialsCacheKey, tokenCacheKey } from "../keys/index.js";
import { pythonJsonLoads } from "../keys/pythonJsonLoads.js";
import { pythonJsonDumps } from "../fs/pythonJsonDumps.js";
import { buildSharedConfig, type SharedConfig } from "./loadSharedConfig.js";
import { parseAwsIni } from "./parseAwsIni.js";
import { pyInt } from "./python.js";
import { resolveSsoProfile } from "./resolveSsoProfile.js";
import { resolveSsoSession } from "./resolveSsoSession.js";

// The examples of issue 16, found by differential tests against botocore 1.43 and AWS CLI v2's botocore. Every
// expected value below was computed with those (python3 -c ... on the same input); the generated differential test
// is packages/interop/src/botocoreDifferential.spec.ts.

const URL = "https://d-0123456789.awsapps.com/start";
const SESSION = `[sso-session my-sso]\nsso_start_url = ${URL}\nsso_region = us-east-1\n`;
const KEYS = "sso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = Admin\n";

const config = (text: string, credentials = ""): SharedConfig => buildSharedConfig(parseAwsIni(text), parseAwsIni(credentials), "~/.aws/config", "~/.aws/credentials");

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ConfigError ? e.code : String(e);
  }
  return "ok";
};

describe("section headers", () => {
  it("[profile dev]  # dev account: the header is matched at the start of the line, the rest ignored", () => {
    const c = config(`${SESSION}\n\n\n[profile dev]  # dev account\n${KEYS}`);
    expect(resolveSsoProfile(c, "dev").roleName).toBe("Admin");
  });
  it("[ profile dev] is no profile; [profile dev] then [profile dev ] is the later one; [profiles dev] is profile dev", () => {
    expect(Object.keys(config(`[ profile dev]\n${KEYS}`).profiles)).toEqual([]);
    const twice = config(`${SESSION}[profile dev]\n${KEYS}[profile dev ]\nsso_session = my-sso\nsso_account_id = 2\nsso_role_name = Later\n`);
    expect(resolveSsoProfile(twice, "dev").roleName).toBe("Later");
    expect(resolveSsoProfile(config(`${SESSION}[profiles dev]\n${KEYS}`), "dev").accountId).toBe("111111111111");
  });
  it("a line starting with [ but no header is a setting when it has = or :, else an error", () => {
    expect(parseAwsIni("[a]\n[x = 1\n").get("a")).toEqual({ "[x": "1" });
    expect(() => parseAwsIni("[a]\n[profile b\n")).toThrow(/line 2: not a valid \[section\] header/);
  });
});

describe("line endings and Python whitespace", () => {
  it("CR-only line endings are lines; U+2028 inside a value is part of the value", () => {
    expect(resolveSsoProfile(config(`${SESSION}[profile dev]\n${KEYS}`.replace(/\n/g, "\r")), "dev").roleName).toBe("Admin");
    expect(parseAwsIni("[a]\nx = 1\u20282\n").get("a")).toEqual({ x: "1\u20282" });
  });
  it("values lose a trailing \\x85 or \\x1c-\\x1f (Python strip), keep U+FEFF, and key the legacy token by the stripped URL", () => {
    for (const c of ["\x85", "\x1c", "\x1d", "\x1e", "\x1f"]) {
      const p = resolveSsoProfile(config(`[profile dev]\nsso_start_url = ${URL}${c}\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n`), "dev");
      expect(p.session.startUrl).toBe(URL);
      expect(tokenCacheKey(p.session)).toBe(sha1Hex(URL));
    }
    expect(parseAwsIni("[a]\nx = 1\ufeff\n").get("a")).toEqual({ x: "1\ufeff" });
  });
});

describe("nested blocks", () => {
  it("a block line without = is an error, as in botocore's _parse_nested", () => {
    expect(() => parseAwsIni("[profile a]\ns3 =\n  use_accelerate_endpoint\n")).toThrow(/line 2: the s3 block of \[profile a\] has a line without "="/);
  });
  it("the same s3 block in a profile and its sso-session is consistent (compared by value)", () => {
    const block = "s3 =\n  addressing_style = path\n";
    const c = config(`[sso-session my-sso]\nsso_start_url = ${URL}\nsso_region = us-east-1\n${block}[profile dev]\n${KEYS}${block}`);
    expect(resolveSsoProfile(c, "dev").roleName).toBe("Admin");
    const other = config(`[sso-session my-sso]\nsso_start_url = ${URL}\nsso_region = us-east-1\n${block}[profile dev]\n${KEYS}s3 =\n  addressing_style = virtual\n`);
    expect(codeOf(() => resolveSsoProfile(other, "dev"))).toBe("ConfigInconsistent");
  });
  it("nested values are split with Python's splitlines (\\x85, U+2028 and \\v end a line)", () => {
    expect(parseAwsIni("[a]\ns3 =\n  k = v\u2028  j = w\x85l = x\n").get("a")).toEqual({ s3: { k: "v", j: "w", l: "x" } });
  });
});

describe("duration_seconds is Python int()", () => {
  const chain = (d: string) =>
    config(`${SESSION}[profile sso]\n${KEYS}[profile role]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = sso\nduration_seconds = ${d}\n`);
  it.each(["+1800", "1_800", " 1800", "01800", "\uff11\uff18\uff10\uff10"])("%j is 1800", (d) => {
    expect(resolveRoleChain(chain(d), "role").steps[0]!.durationSeconds).toBe(1800);
  });
  it.each(["3600.0", "1h", "1__800", "_1800", "1800_", "0x708", ""])("%j is an error here (botocore drops it: docs/compatibility.md)", (d) => {
    expect(pyInt(d)).toBeUndefined();
    expect(() => resolveRoleChain(chain(d), "role")).toThrow(/duration_seconds = .*is not a whole number of seconds/);
  });
});

describe("AssumeRole cache keys", () => {
  const role = (extra: string) =>
    config(`${SESSION}[profile sso]\n${KEYS}[profile role]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = sso\n${extra}`);
  const deps = { homedir: () => "/h", env: {} };
  it("empty external_id / mfa_serial are keyed as \"\" (botocore sends them)", () => {
    const step = resolveRoleChain(role("external_id =\nmfa_serial =\n"), "role").steps[0]!;
    expect(step).toMatchObject({ externalId: "", mfaSerial: "" });
    // python3: AssumeRoleCredentialFetcher(None, None, arn, extra_args={"ExternalId": "", "SerialNumber": ""})._create_cache_key()
    expect(assumeRoleCachePath(deps, step)).toBe(`/h/.aws/cli/cache/${assumeRoleCacheKey({ RoleArn: "arn:aws:iam::111111111111:role/R", ExternalId: "", SerialNumber: "" })}.json`);
    expect(assumeRoleCacheKey({ RoleArn: "arn:aws:iam::111111111111:role/R", ExternalId: "", SerialNumber: "" })).toBe("eace7c12cfec5025864e95c122aa6dba1868c6e2");
  });
  it("an empty role_session_name is generated and left out of the key", () => {
    expect(resolveRoleChain(role("role_session_name =\n"), "role").steps[0]!.roleSessionName).toBeUndefined();
  });
  it("a session Policy is canonicalised with Python's json.loads / json.dumps(sort_keys=True)", () => {
    expect(pythonJsonDumps(pythonJsonLoads('{"b": 1.0, "a": 1e+16, "c": 12345678901234567890, "d": 1E-5, "e": -0, "f": -0.0}'), { sortKeys: true })).toBe(
      '{"a": 1e+16, "b": 1.0, "c": 12345678901234567890, "d": 1e-05, "e": 0, "f": -0.0}',
    );
    expect(pythonJsonDumps(pythonJsonLoads('{"10": 1, "9": 2, "__proto__": [NaN, Infinity]}'), { sortKeys: true })).toBe('{"10": 1, "9": 2, "__proto__": [NaN, Infinity]}');
    // python3: AssumeRoleCredentialFetcher(None, None, "r", extra_args={"Policy": P})._create_cache_key()
    expect(assumeRoleCacheKey({ RoleArn: "r", Policy: '{"Version": "2012-10-17", "n": 1.0}' })).toBe("ea12aaf48eae099c3a8e4ab66f8a4b8d6d6d5526");
    expect(assumeRoleCacheKey({ RoleArn: "r", Policy: '{"10": 1, "9": 2}' })).toBe("8ccfcdc2feafb602fa73fbea2023ea10c7329a03");
    expect(assumeRoleCacheKey({ RoleArn: "r", Policy: '{"x": 9007199254740993}' })).toBe("0d70ef0f519ba0741312e691f571f18604c6a094");
  });
});

describe("sso_session and scopes", () => {
  it("sso_session = naming [sso-session \"\"]: credentials keyed by start URL, token by sha1(\"\"), login by the profile's own URL", () => {
    const c = config(`[sso-session ""]\nsso_start_url = ${URL}\nsso_region = us-east-1\n[profile dev]\nsso_session =\nsso_account_id = 1\nsso_role_name = R\nsso_start_url = ${URL}\nsso_region = us-east-1\n`);
    const p = resolveSsoProfile(c, "dev");
    expect(p.session.name).toBe("");
    expect(ssoCredentialsCacheKey({ accountId: "1", roleName: "R", sessionName: "", startUrl: URL })).toBe(ssoCredentialsCacheKey({ accountId: "1", roleName: "R", startUrl: URL }));
    expect(tokenCacheKey(p.session)).toBe(sha1Hex(""));
    expect(resolveSsoSession(c, { profile: "dev" }).name).toBeUndefined();
  });
  it("a nested sso_session block is an error at login (the AWS CLI fails on it)", () => {
    const c = config(`[profile dev]\nsso_session =\n  x = 1\nsso_start_url = ${URL}\nsso_region = us-east-1\n`);
    expect(codeOf(() => resolveSsoSession(c, { profile: "dev" }))).toBe("ConfigInvalid");
  });
  it("a nested sso_registration_scopes block is an error at login (the AWS CLI fails on it)", () => {
    const c = config(`[sso-session my-sso]\nsso_start_url = ${URL}\nsso_region = us-east-1\nsso_registration_scopes =\n  k = v\n`);
    expect(codeOf(() => resolveSsoSession(c, { ssoSession: "my-sso" }))).toBe("ConfigInvalid");
  });
  it.each(["", " , ", ","])("sso_registration_scopes = %j keys the registration with \"scopes\": []", (scopes) => {
    const s = resolveSsoSession(config(`[sso-session my-sso]\nsso_start_url = ${URL}\nsso_region = us-east-1\nsso_registration_scopes = ${scopes}\n`), { ssoSession: "my-sso" });
    expect(s.registrationScopes).toEqual([]);
    // python3: json.dumps({"tool": "botocore", "startUrl": URL, "region": "us-east-1", "scopes": [], "session_name": "my-sso"}, sort_keys=True)
    expect(registrationCacheKey({ startUrl: URL, region: "us-east-1", scopes: [], sessionName: "my-sso" })).toBe("0c13942cae5216c084176bbf82863ecbe971cb04");
  });
});
