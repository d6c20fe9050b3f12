/**
 * Seeded generators for the botocore differential test: ~/.aws/config + ~/.aws/credentials pairs that mix legal and
 * hostile syntax, and cache-key inputs. Same seed, same inputs (mulberry32), so a failure can be replayed with
 * SSO_CREDS_DIFF_SEEDS=<seed>.
 */
import { seededRandom } from "@sso-creds/emulator";

export interface ConfigCase {
  config: string;
  credentials: string;
  /** Profile names to resolve (some of them do not exist). */
  profiles: string[];
  /** Profile names to log in with (`aws sso login --profile` / our resolveSsoSession). */
  login: string[];
}

export interface KeyCase {
  startUrl: string;
  sessionName: string | null;
  accountId: string;
  roleName: string;
  region: string;
  /** sso_registration_scopes as written (null: not set). */
  scopes: string | null;
  assume: { RoleArn: string; RoleSessionName?: string; ExternalId?: string; SerialNumber?: string; DurationSeconds?: string; Policy?: string };
}

export type Rng = () => number;

/** The emulator's seeded PRNG (mulberry32): a seed replays a case. */
export const rng: (seed: number) => Rng = seededRandom;

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rng, p: number) => r() < p;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

// Characters where Python and JavaScript disagree about whitespace, line breaks or case, plus INI syntax.
const ODD = ["\x85", "\x1c", "\x1d", "\x1e", "\x1f", "\u2028", "\u2029", "\xa0", "\u3000", "\ufeff", "\v", "\f", "\t", " ", "#", ";", "=", ":", "[", "]", '"', "'", "\\", "é", "😀", "İ", "ß", "Σ"];
const PROFILE_NAMES = ["dev", "prod", "Dev", "role", "role2", "chain", "default", "a.b@c", "x-y_z", "é", "sp ace", "", "loop", "self", "src"];
const SESSION_NAMES = ["my-sso", "corp", "My-SSO", "s p", "", "é/x", "sso#1"];
const URLS = ["https://d-0123456789.awsapps.com/start", "https://d-9999999999.awsapps.com/start/", "https://corp.awsapps.com/start#/"];
const REGIONS = ["us-east-1", "eu-west-1", "us-east-1 ", ""];

function oddTail(r: Rng): string {
  if (!chance(r, 0.25)) return "";
  return pick(r, [" # note", " ; note", "#x", pick(r, ODD), pick(r, ODD) + pick(r, ODD), "\u2028tail", " \x85", "\x1f", "\ufeff", "\xa0"]);
}

function quoteName(r: Rng, name: string): string {
  if (name === "" || /[\s"'\\#]/.test(name)) return chance(r, 0.8) ? `"${name.replace(/["\\]/g, "\\$&")}"` : name;
  return chance(r, 0.1) ? `'${name}'` : name;
}

function header(r: Rng, kind: "profile" | "sso-session" | "services" | "default", name: string): string {
  if (kind === "default") return pick(r, ["[default]", "[default]", "[profile default]", "[Default]", "[default ]", "[default] # d"]);
  const q = quoteName(r, name);
  const forms = [
    `[${kind} ${q}]`,
    `[${kind} ${q}]`,
    `[${kind} ${q}]`,
    `[${kind} ${q}]  # ${name} account`,
    `[${kind} ${q}] ; c`,
    `[${kind} ${q} ]`,
    `[ ${kind} ${q}]`,
    `[${kind}s ${q}]`,
    `[${kind}  ${q}]`,
    `[${kind}\t${q}]`,
    `[${kind.toUpperCase()} ${q}]`,
    `[${kind} ${q}] [x]`,
    `  [${kind} ${q}]`,
    `[${kind}]`,
    `[${kind} ${q} extra]`,
  ];
  return pick(r, forms);
}

function keyText(r: Rng, key: string): string {
  const k = pick(r, [key, key, key, key.toUpperCase(), key[0]!.toUpperCase() + key.slice(1)]);
  return k + pick(r, [" = ", " = ", "=", " =", "= ", ": ", ":", " : ", "\t=\t", " \x1f= "]);
}

/** One ~/.aws/config (and credentials file) with sso-sessions, SSO profiles, role chains and noise. */
export function genConfig(r: Rng): ConfigCase {
  const lines: string[] = [];
  const sessions = Array.from({ length: int(r, 0, 3) }, () => pick(r, SESSION_NAMES));
  const profiles = Array.from({ length: int(r, 1, 5) }, () => pick(r, PROFILE_NAMES));
  const value = (v: string) => v + oddTail(r);
  const setting = (key: string, v: string) => {
    if (chance(r, 0.04)) {
      // A nested block where a single value belongs, sometimes with a line botocore cannot split.
      lines.push(`${keyText(r, key)}`, `  ${pick(r, ["a = b", "x=1", "a b"])}`);
      return;
    }
    lines.push(`${keyText(r, key)}${value(v)}`);
    if (chance(r, 0.03)) lines.push(`${pick(r, ["  ", "\t", " \x1c"])}${pick(r, ["more", "# not a comment here?", "[profile x]", "k = v"])}`);
  };
  const noise = () => {
    if (chance(r, 0.3)) lines.push(pick(r, ["# comment", "; comment", "  # indented comment", "", "   ", "\t", "#[profile ghost]", "\x1c", "\u2028", ";;", "# = x"]));
    if (chance(r, 0.08)) {
      lines.push(`${keyText(r, "s3")}`, "  addressing_style = path", ...(chance(r, 0.3) ? [""] : []), `  ${pick(r, ["use_accelerate_endpoint = true", "use_accelerate_endpoint", "max = 1\u2028other = 2", "k = v\x85j = w", "K = V"])}`);
    }
    if (chance(r, 0.06)) setting(pick(r, ["region", "output", "cli_pager", "endpoint_url"]), pick(r, ["us-east-1", "json", "", "http://127.0.0.1:1/x"]));
  };
  if (chance(r, 0.15)) {
    lines.push("[DEFAULT]");
    setting(pick(r, ["sso_region", "region", "output", "sso_start_url"]), pick(r, [...REGIONS, ...URLS]));
  }
  noise();
  for (const s of sessions) {
    lines.push(header(r, "sso-session", s));
    noise();
    if (chance(r, 0.9)) setting("sso_start_url", pick(r, URLS));
    if (chance(r, 0.85)) setting("sso_region", pick(r, REGIONS));
    if (chance(r, 0.4)) setting("sso_registration_scopes", pick(r, ["sso:account:access", "", " , ", "a,b", "a, ,b", "sso:account:access,\x85"]));
    noise();
  }
  const names = [...profiles];
  for (const [i, p] of profiles.entries()) {
    lines.push(p === "default" ? header(r, "default", p) : header(r, "profile", p));
    noise();
    const role = chance(r, 0.35);
    if (role) {
      setting("role_arn", pick(r, ["arn:aws:iam::111111111111:role/R", "arn:aws:iam::222222222222:role/path/R2", ""]));
      const source = chance(r, 0.85) ? pick(r, [...profiles.slice(i + 1), ...profiles.slice(i + 1), p, pick(r, PROFILE_NAMES), ""]) : undefined;
      if (source !== undefined) setting("source_profile", source);
      if (chance(r, 0.08)) setting("credential_source", pick(r, ["Environment", "Ec2InstanceMetadata", "Bogus"]));
      if (chance(r, 0.3)) setting("external_id", pick(r, ["ext", "", "e x t", "é"]));
      if (chance(r, 0.2)) setting("mfa_serial", pick(r, ["arn:aws:iam::111111111111:mfa/me", ""]));
      if (chance(r, 0.3)) setting("role_session_name", pick(r, ["me", "", "a b"]));
      if (chance(r, 0.4)) setting("duration_seconds", pick(r, ["1800", "+1800", "1_800", " 900", "3600.0", "1h", "", "0900", "-5", "\uff11\uff18\uff10\uff10", "99999999999999999999", "1__800", "1e3"]));
      if (chance(r, 0.05)) setting("web_identity_token_file", "/tmp/token");
    }
    if (!role || chance(r, 0.3)) {
      const useSession = sessions.length > 0 && chance(r, 0.7);
      if (useSession) setting("sso_session", pick(r, chance(r, 0.85) ? sessions : SESSION_NAMES));
      if (!useSession || chance(r, 0.15)) {
        if (chance(r, 0.9)) setting("sso_start_url", pick(r, URLS));
        if (chance(r, 0.85)) setting("sso_region", pick(r, REGIONS));
      }
      if (chance(r, 0.92)) setting("sso_account_id", pick(r, ["111111111111", "222222222222", "", "0123"]));
      if (chance(r, 0.92)) setting("sso_role_name", pick(r, ["Admin", "ReadOnly", "Rôle#1", ""]));
    }
    if (chance(r, 0.08)) setting("aws_access_key_id", "AKIDEXAMPLE");
    if (chance(r, 0.06)) setting("credential_process", "/bin/false");
    if (chance(r, 0.1)) setting("region", pick(r, REGIONS));
    noise();
  }
  if (chance(r, 0.04)) lines.push(pick(r, ["[profile dev", "[]", "= orphan", "just words", "[profile dev]"]));
  if (chance(r, 0.03)) lines.push(lines[int(r, 0, lines.length - 1)]!);
  const eol = pick(r, ["\n", "\n", "\n", "\r\n", "\r", "mixed"]);
  const join = (ls: string[]) => (eol === "mixed" ? ls.map((l) => l + pick(r, ["\n", "\r\n", "\r"])).join("") : ls.join(eol) + (chance(r, 0.9) ? eol : ""));
  let config = join(lines);
  if (chance(r, 0.03)) config = "\ufeff" + config;
  const credentials: string[] = [];
  if (chance(r, 0.25)) {
    for (const p of profiles.slice(0, int(r, 1, 2))) {
      credentials.push(pick(r, [`[${p}]`, `[${p}]`, `[profile ${p}]`]));
      if (chance(r, 0.5)) credentials.push(`aws_access_key_id = AKIDEXAMPLE`, `aws_secret_access_key = secret`);
      if (chance(r, 0.5)) credentials.push(`${keyText(r, "sso_role_name")}FromCredentials`);
    }
  }
  // A profile named "" cannot be asked for: botocore (and resolveProfileName) take an empty name as "default".
  const ask = [...new Set([...names, pick(r, PROFILE_NAMES)])].filter((p) => p !== "");
  return { config, credentials: join(credentials), profiles: ask, login: ask };
}

function text(r: Rng, pool: readonly string[]): string {
  const n = int(r, 0, 4);
  let s = pick(r, pool);
  for (let i = 0; i < n; i++) s += chance(r, 0.5) ? pick(r, ODD) : pick(r, pool);
  return s;
}

/** A JSON document in the syntax Python's json.loads accepts, with numbers and keys where JS and Python differ. */
function policy(r: Rng, depth = 0): string {
  const num = () => pick(r, ["1", "1.0", "-0", "-0.0", "1e+16", "1E16", "1e-5", "0.0001", "123456789012345678901234567890", "9007199254740993", "2.5", "1e400", "-1e-400", "NaN", "Infinity", "-Infinity", "3.14159e-10", "100000000000000000000.0", "0.1", "17", "1e22", "5e-324"]);
  const str = () => JSON.stringify(text(r, ["a", "Action", "s3:*", "10", "9", "__proto__", "é", "😀", "\u0000"])).replace(/é/g, () => (chance(r, 0.5) ? "\\u00e9" : "é"));
  if (depth > 2) return chance(r, 0.5) ? num() : str();
  switch (int(r, 0, 4)) {
    case 0:
      return num();
    case 1:
      return str();
    case 2:
      return `[${Array.from({ length: int(r, 0, 3) }, () => policy(r, depth + 1)).join(pick(r, [",", ", ", " ,\n"]))}]`;
    default: {
      const keys = Array.from({ length: int(r, 0, 4) }, () => pick(r, ['"10"', '"9"', '"a"', '"B"', '"__proto__"', '"Statement"', '"\\ud83d\\ude00"', '"\\uffff"', '"é"', '"1"', '"-1"']));
      return `{${keys.map((k) => `${k}${pick(r, [":", ": ", " : "])}${policy(r, depth + 1)}`).join(pick(r, [",", ", "]))}}`;
    }
  }
}

export function genKey(r: Rng): KeyCase {
  const pool = ["https://d-0123456789.awsapps.com/start", "my-sso", "a", " ", "/", "#", "é", "😀", "\u007f", "\n", "\uffff", ":", "\\", '"', ""];
  const assume: KeyCase["assume"] = { RoleArn: text(r, ["arn:aws:iam::111111111111:role/R", "r", ""]) };
  if (chance(r, 0.5)) assume.RoleSessionName = pick(r, ["me", "", "a b", "é"]);
  if (chance(r, 0.5)) assume.ExternalId = pick(r, ["ext", "", "é", "a\"b"]);
  if (chance(r, 0.4)) assume.SerialNumber = pick(r, ["arn:aws:iam::1:mfa/me", ""]);
  if (chance(r, 0.5)) assume.DurationSeconds = pick(r, ["900", "3600", "43200", "-1", "0", "99999999999999999999", "9007199254740993"]);
  if (chance(r, 0.6)) assume.Policy = policy(r);
  return {
    startUrl: text(r, pool),
    sessionName: chance(r, 0.6) ? text(r, pool) : null,
    accountId: text(r, ["111111111111", "1", ""]),
    roleName: text(r, ["Admin", "R", ""]),
    region: pick(r, ["us-east-1", "eu-west-1", "é"]),
    scopes: chance(r, 0.5) ? pick(r, ["sso:account:access", "", " , ", "a,b", " a ,, b ", "x\x85,y", "\u3000"]) : null,
    assume,
  };
}
