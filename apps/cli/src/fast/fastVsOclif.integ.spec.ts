// The fast path against oclif alone, on generated command lines: for every argv of the hot commands (valid or not,
// in any of the forms a user types), `sso` (bin/run.js, the fast path where it answers) and the same CLI with the fast
// path left out (test-support/oclifOnly.mjs) print the same stdout and stderr and exit with the same code. A seed
// replays a case: SSO_CREDS_FAST_DIFF_SEED=<seed>; SSO_CREDS_FAST_DIFF_CASES=<n> runs more.
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "@sso-creds/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_JS } from "../test-support/cliHarness.js";
import { BASE_CONFIG, loggedInHome, runCli, startEmulator, type CliHome, type Emulator } from "../test-support/credentialCommandsHome.js";

const OCLIF_ONLY = join(dirname(fileURLToPath(import.meta.url)), "../test-support/oclifOnly.mjs");
const CASES = Number(process.env.SSO_CREDS_FAST_DIFF_CASES ?? 60);
const SEED = Number(process.env.SSO_CREDS_FAST_DIFF_SEED ?? 0x5eedfa57);

const CONFIG = `${BASE_CONFIG}
[profile chained]
role_arn = arn:aws:iam::333333333333:role/ReadOnlyAccess
source_profile = dev

[profile static]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
region = ap-south-1

[profile badregion]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = not a region

[profile process]
credential_process = sh -c 'echo "{\\"Version\\": 1, \\"AccessKeyId\\": \\"AKIAPROCESSEXAMPLE\\", \\"SecretAccessKey\\": \\"process-secret\\"}"'
region = sa-east-1

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = AdministratorAccess

[profile orphan]
role_arn = arn:aws:iam::333333333333:role/ReadOnlyAccess
source_profile = missing

[profile halfsso]
sso_session = my-sso
sso_account_id = 111111111111

[profile envsource]
role_arn = arn:aws:iam::333333333333:role/ReadOnlyAccess
credential_source = Environment
`;
/** A profile only in the credentials file, as `aws configure` writes it. */
const CREDENTIALS = `[filed]
aws_access_key_id = AKIAFILEDEXAMPLE
aws_secret_access_key = filed-secret
`;

type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rng, p: number) => r() < p;

const PROFILES = ["dev", "noregion", "chained", "static", "badregion", "nope", "", "DEV", "process", "legacy", "orphan", "halfsso", "envsource", "filed", "default", " dev"];
const REGIONS = ["eu-west-2", "us-east-1", "", "EU-WEST-1", "not a region", "us-gov-west-1"];
const VALUES: Record<string, readonly string[]> = {
  profile: PROFILES,
  region: REGIONS,
  format: ["sh", "fish", "powershell", "windows-cmd", "dotenv", "json", "github", "process", "xml", ""],
  shell: ["bash", "zsh", "fish", "powershell", "tcsh"],
  "sso-session": ["my-sso", "nope"],
  "write-credentials": ["dev-copy"],
};
/** Each hot command's flags (name, short name, whether it takes a value), as oclif.manifest.json has them. */
const FLAGS: Record<string, [name: string, char: string | undefined, value: boolean][]> = {
  env: [["profile", "p", true], ["region", "r", true], ["format", undefined, true], ["debug", undefined, false], ["write-credentials", undefined, true]],
  exec: [["profile", "p", true], ["region", "r", true], ["debug", undefined, false], ["allow-nested", undefined, false], ["server", undefined, false]],
  status: [["profile", "p", true], ["sso-session", undefined, true], ["debug", undefined, false], ["json", undefined, false]],
  use: [["profile", "p", true], ["shell", undefined, true], ["unset", undefined, false], ["debug", undefined, false]],
};
const CHILD = ["sh", "-c", 'echo "region=$AWS_REGION default=$AWS_DEFAULT_REGION profile=$AWS_PROFILE keys=${AWS_ACCESS_KEY_ID:+yes}"; exit 3'];

/** One command line: a hot command word, flags in any form and order (some unknown, some repeated), and its words. */
function genCase(r: Rng): { argv: string[]; env: Record<string, string> } {
  const word = pick(r, ["env", "env", "exec", "exec", "status", "whoami", "use", "use"]);
  const flags = FLAGS[word === "whoami" ? "status" : word]!;
  const argv = [word];
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    if (chance(r, 0.1)) {
      argv.push(pick(r, ["--bogus", "-z", "--profile", "--", "--prof", "-", "--help", "-h", "--no-debug", "stray", "--debug=true", "-p=dev", "--PROFILE", "-pp"]));
      continue;
    }
    // Mostly the flags that set what is resolved; now and then the ones that send the command to oclif.
    const [name, char, takesValue] = pick(r, flags.filter(([f]) => !["server", "write-credentials", "json"].includes(f) || chance(r, 0.2)));
    if (!takesValue) {
      argv.push(`--${name}`);
      continue;
    }
    // Now and then a value that is itself a flag (oclif: "expects a value").
    const value = chance(r, 0.05) ? pick(r, ["--debug", "-p", "--profile", "-r", "--json"]) : pick(r, VALUES[name]!);
    const form = pick(r, char ? ["long", "equals", "short", "attached"] : ["long", "equals"]);
    if (form === "long") argv.push(`--${name}`, value);
    else if (form === "equals") argv.push(`--${name}=${value}`);
    else if (form === "short") argv.push(`-${char}`, value);
    else argv.push(`-${char}${value}`);
  }
  if (word === "exec" && chance(r, 0.85)) {
    argv.push(...(chance(r, 0.7) ? ["--"] : []), ...CHILD);
    // Words after the program are the child's, flags or not.
    if (chance(r, 0.2)) argv.push(pick(r, ["--profile", "-p", "--region", "--"]), pick(r, ["static", "eu-west-2"]));
  }
  if (word === "use" && chance(r, 0.6)) argv.push(pick(r, PROFILES.filter(Boolean)));
  if (word === "use" && !argv.includes("--shell") && !argv.some((a) => a.startsWith("--shell=")) && chance(r, 0.8)) argv.push("--shell", "bash");
  const env: Record<string, string> = {};
  if (chance(r, 0.3)) env.AWS_PROFILE = pick(r, PROFILES);
  if (chance(r, 0.15)) env.AWS_DEFAULT_PROFILE = pick(r, PROFILES);
  if (chance(r, 0.3)) env.AWS_REGION = pick(r, REGIONS);
  if (chance(r, 0.15)) env.AWS_DEFAULT_REGION = pick(r, REGIONS);
  if (chance(r, 0.08)) env.SSO_CREDS_PROFILE = "dev"; // inside another sso exec
  if (chance(r, 0.06)) Object.assign(env, { AWS_ACCESS_KEY_ID: "AKIAENVEXAMPLE", AWS_SECRET_ACCESS_KEY: "env-secret" }); // credentials already exported
  if (chance(r, 0.04)) env.AWS_CONFIG_FILE = "/nonexistent/config";
  return { argv, env };
}

/** --debug's stack frames name the bundle's code or the sources': the rest of stderr must be the same. */
const withoutFrames = (stderr: string) => stderr.replace(/^ {4}at .*\n?/gm, "");
/** The two runs of a case are a moment apart: `(7h 58m left)` may be `(7h 57m left)` in the second. */
/** And `--format github`'s heredoc delimiters are random, as @actions/core's are. */
const stable = (stdout: string) => stdout.replace(/\((?:\d+[dhms] ?)+left\)/g, "(… left)").replace(/ghadelimiter_[0-9a-f-]{36}/g, "ghadelimiter_…");
/** A mismatch is printed without the keys (emulator keys, but test output shows no secrets). */
const redacted = (s: string) => JSON.stringify(s.replace(/[A-Za-z0-9+/=]{16,}/g, "…").slice(0, 300));

describe("the fast path answers exactly as oclif does", () => {
  let emu: Emulator;
  let home: CliHome;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, autoApprove: true });
    home = await loggedInHome(emu, CONFIG);
    await writeFile(join(home.home, ".aws", "credentials"), CREDENTIALS, { mode: 0o600 });
    // Warm the caches both ways read, so neither run is the one that fetches.
    for (const profile of ["dev", "noregion", "chained"]) await runCli(["env", "--profile", profile], home.env);
  }, 60_000);
  afterAll(async () => {
    await home?.cleanup();
    await emu?.close();
  });

  it("sso is bin/run.js", () => expect(RUN_JS).toMatch(/bin\/run\.js$/));

  it(`${CASES} generated command lines of env, exec, status, whoami and use (seed ${SEED})`, async () => {
    const r = seededRandom(SEED);
    const cases = Array.from({ length: CASES }, () => genCase(r));
    const mismatches: string[] = [];
    // Two at a time: each pair is one process on the fast path and one through oclif.
    for (let i = 0; i < cases.length; i += 2) {
      await Promise.all(
        cases.slice(i, i + 2).map(async ({ argv, env }) => {
          const e = { ...home.env, ...env };
          const [fast, oclif] = await Promise.all([runCli(argv, e), runCli(argv, e, { bin: OCLIF_ONLY })]);
          if (fast.code !== oclif.code || stable(fast.stdout) !== stable(oclif.stdout) || withoutFrames(fast.stderr) !== withoutFrames(oclif.stderr)) {
            mismatches.push(
              `${Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)} `).join("")}sso ${argv.map((a) => JSON.stringify(a)).join(" ")}\n` +
                `  fast:  ${fast.code} ${redacted(fast.stdout)} ${redacted(fast.stderr)}\n` +
                `  oclif: ${oclif.code} ${redacted(oclif.stdout)} ${redacted(oclif.stderr)}`,
            );
          }
        }),
      );
    }
    expect(mismatches, mismatches.join("\n")).toEqual([]);
  }, 600_000);
});
