import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "@sso-creds/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { makeHome, runCli, START_URL, type CliHome } from "../test-support/cliHarness.js";
import { expectUserError, SESSION, writeToken } from "../test-support/credentialCommandsHome.js";

// Not at a terminal (stdin is not a TTY): flags answer every question, and what is missing is one line with the fix.
type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

let emu: Emulator;
let home: CliHome;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true });
});
afterAll(async () => {
  await emu?.close();
});
afterEach(async () => {
  await home?.cleanup();
});

function callerIdentity(): string[] {
  const r = spawnSync("aws", ["--version"], { encoding: "utf8" });
  const m = /aws-cli\/(\d+)\.(\d+)/.exec(`${r.stdout}${r.stderr}`);
  const ok = m && ((Number(m[1]) === 1 && Number(m[2]) >= 29) || (Number(m[1]) === 2 && Number(m[2]) >= 13) || Number(m[1]) > 2);
  return ok ? ["aws", "sts", "get-caller-identity"] : [process.execPath, join(ROOT, "scripts/get-caller-identity.mjs")];
}

/** A usage error: one line, exit 2. */
function expectUsageError(r: { code: number | null; stdout: string; stderr: string }): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^sso: \S[^\n]*\n$/);
}

/** The `Run: …` command of a one-line error, as words (none of ours has quotes). */
function fixOf(stderr: string): string[] {
  const m = / Run: (sso .*)$/m.exec(stderr);
  if (!m) throw new Error(`no Run: in ${stderr}`);
  return m[1]!.split(" ").slice(1);
}

const configFile = () => join(home.home, ".aws", "config");
const FLAGS = ["--sso-start-url", START_URL, "--sso-region", "us-east-1", "--use-device-code", "--no-browser"];

describe("sso configure with flags alone", () => {
  it("in an empty HOME writes [sso-session] and [profile] and ends with a working sso exec -- aws sts get-caller-identity; again changes nothing", async () => {
    home = await makeHome(emu.url, null);
    const r = await runCli(["configure", ...FLAGS, "--account-id", "222222222222", "--role-name", "Developer"], home.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      "Wrote [sso-session d-0123456789] and [profile Staging.Developer] to ~/.aws/config.\nTry it: sso exec --profile Staging.Developer -- aws sts get-caller-identity\n",
    );
    const text = readFileSync(configFile(), "utf8");
    expect(text).toBe(`[sso-session d-0123456789]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile Staging.Developer]
sso_session = d-0123456789
sso_account_id = 222222222222
sso_role_name = Developer
region = us-east-1
sso_account_name = Staging
sso_creds_managed = true
`);
    const exec = await runCli(["exec", "--", ...callerIdentity()], home.env);
    expect(exec.code, exec.stderr).toBe(0);
    expect(JSON.parse(exec.stdout).Arn).toMatch(/^arn:aws:sts::222222222222:assumed-role\/AWSReservedSSO_Developer_/);

    const again = await runCli(["configure", ...FLAGS, "--account-id", "222222222222", "--role-name", "Developer"], home.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("already has [sso-session d-0123456789] and [profile Staging.Developer]; nothing changed.");
    expect(readFileSync(configFile(), "utf8")).toBe(text);
  });

  it("what is missing or ambiguous is one line whose Run: command works", async () => {
    home = await makeHome(emu.url, null);
    const noUrl = await runCli(["configure", "--sso-region", "us-east-1"], home.env);
    expectUsageError(noUrl);
    expect(noUrl.stderr).toContain("Not at a terminal, so --sso-start-url is needed.");
    const badUrl = await runCli(["configure", "--sso-start-url", "http://example.com/start", "--sso-region", "us-east-1"], home.env);
    expectUsageError(badUrl);
    expect(badUrl.stderr).toContain("--sso-start-url: The start URL must be https://");
    const badRegion = await runCli(["configure", "--sso-start-url", START_URL, "--sso-region", "virginia"], home.env);
    expectUsageError(badRegion);
    expect(badRegion.stderr).toContain('"virginia" is not an AWS region name');

    // Seven roles and no --account-id/--role-name: the fix names one; running it works.
    const several = await runCli(["configure", ...FLAGS, "--profile-name", "dev"], home.env);
    expectUsageError(several);
    expect(several.stderr).toMatch(/has 7 roles: 111111111111\/AdministratorAccess, /);
    expect(existsSync(configFile())).toBe(false);
    const fixed = await runCli(fixOf(several.stderr), home.env);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(readFileSync(configFile(), "utf8")).toContain("[profile dev]\nsso_session = d-0123456789\nsso_account_id = 111111111111\nsso_role_name = AdministratorAccess\n");

    const unknownRole = await runCli(["configure", ...FLAGS, "--account-id", "111111111111", "--role-name", "Nope"], home.env);
    expectUserError(unknownRole);
    expect(unknownRole.stderr).toContain("has no account 111111111111 with role Nope");
  });

  it("never overwrites a section of the user's: a different sso-session of that name, or a hand-written profile", async () => {
    const mine = `# mine
[sso-session d-0123456789]
sso_start_url = https://d-9999999999.awsapps.com/start
sso_region = eu-west-1

[profile dev]
region = eu-west-1
`;
    home = await makeHome(emu.url, mine);
    const r = await runCli(["configure", ...FLAGS, "--sso-session", "d-0123456789", "--account-id", "111111111111", "--role-name", "Developer"], home.env);
    expectUserError(r);
    expect(r.stderr).toContain("[sso-session d-0123456789] in ~/.aws/config has start URL https://d-9999999999.awsapps.com/start");
    expect(readFileSync(configFile(), "utf8")).toBe(mine);
    // Without --sso-session the new one gets a free name; a hand-written [profile dev] is refused.
    const p = await runCli(["configure", ...FLAGS, "--account-id", "111111111111", "--role-name", "Developer", "--profile-name", "dev"], home.env);
    expectUserError(p);
    expect(p.stderr).toContain("[profile dev] in ~/.aws/config is written by hand");
    expect(readFileSync(configFile(), "utf8")).toBe(mine);
    const ok = await runCli(["configure", ...FLAGS, "--account-id", "111111111111", "--role-name", "Developer"], home.env);
    expect(ok.code, ok.stderr).toBe(0);
    const after = readFileSync(configFile(), "utf8");
    expect(after.startsWith(mine)).toBe(true);
    expect(after).toContain("[sso-session d-0123456789-2]\nsso_start_url = https://d-0123456789.awsapps.com/start\n");
  });
});

describe("sso populate --sso-start-url", () => {
  it("bootstraps an empty HOME: writes the sso-session once the login worked, a profile per role; a second run changes nothing", async () => {
    home = await makeHome(emu.url, null);
    const r = await runCli(["populate", ...FLAGS, "--sso-session", "acme", "--region", "eu-west-1"], home.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("Wrote [sso-session acme] to ~/.aws/config.");
    expect(r.stdout).toContain("added 7, updated 0, unchanged 0, conflicts 0 (7 roles in 3 accounts)");
    const text = readFileSync(configFile(), "utf8");
    expect(text.startsWith(`[sso-session acme]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n`)).toBe(true);
    const exec = await runCli(["exec", "--profile", "Production.ReadOnlyAccess", "--", ...callerIdentity()], home.env);
    expect(exec.code, exec.stderr).toBe(0);
    expect(JSON.parse(exec.stdout).Account).toBe("333333333333");
    // The same URL again reuses [sso-session acme] (no name needed).
    const again = await runCli(["populate", ...FLAGS, "--region", "eu-west-1"], home.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("added 0, updated 0, unchanged 7");
    expect(readFileSync(configFile(), "utf8")).toBe(text);
    const lone = await runCli(["populate", "--sso-start-url", START_URL], home.env);
    expect(lone.code).toBe(2);
  });
});

describe("no profile or sso-session named, not at a terminal", () => {
  const TWO = `[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = us-west-2

[profile prod]
sso_session = other
sso_account_id = 333333333333
sso_role_name = ReadOnlyAccess

[sso-session my-sso]
sso_start_url = ${START_URL}
sso_region = us-east-1

[sso-session other]
sso_start_url = https://d-0000000000.awsapps.com/start
sso_region = us-east-1
`;

  it("env, exec and list name the choices and the same command with the missing flag, which works", async () => {
    home = await makeHome(emu.url, TWO);
    await writeToken(home, emu.mintToken({ startUrl: START_URL, region: "us-east-1" }));
    const env = await runCli(["env", "--format", "fish"], home.env);
    expectUserError(env);
    expect(env.stderr).toBe("sso: No profile given (no --profile, AWS_PROFILE or [default] in ~/.aws/config); profiles: dev, prod. Run: sso env --profile dev --format fish\n");
    const fixedEnv = await runCli(fixOf(env.stderr), home.env);
    expect(fixedEnv.code, fixedEnv.stderr).toBe(0);
    expect(fixedEnv.stdout).toContain("set -gx AWS_REGION 'us-west-2'");

    const exec = await runCli(["exec", "--", "true"], home.env);
    expectUserError(exec);
    expect(exec.stderr).toMatch(/Run: sso exec --profile dev -- true\n$/);

    const list = await runCli(["list"], home.env);
    expectUserError(list);
    expect(list.stderr).toMatch(/several sso-sessions \(my-sso, other\).* Run: sso list --sso-session my-sso\n$/);
    const fixedList = await runCli(fixOf(list.stderr), home.env);
    expect(fixedList.code, fixedList.stderr).toBe(0);
    expect(fixedList.stdout).toContain("3 accounts, 7 roles in sso-session my-sso.");
    const login = await runCli(["login", "--use-device-code"], home.env);
    expect(login.stderr).toMatch(/ Run: sso login --sso-session my-sso --use-device-code\n$/);
    expect(SESSION).toBe("my-sso");
  });

  it("with no config at all, login, list, populate and exec say: Run: sso configure", async () => {
    home = await makeHome(emu.url, null);
    for (const args of [["login"], ["list"], ["populate"], ["exec", "--", "true"], ["use"]]) {
      const r = await runCli(args, { ...home.env, SHELL: "/bin/bash" });
      expectUserError(r);
      expect(r.stderr, args.join(" ")).toMatch(/ Run: sso configure\n$/);
    }
  });
});

describe("sso use off a terminal", () => {
  it("prints a script for the shell ($SHELL, or --shell) that unsets AWS_PROFILE; --unset removes what it set", async () => {
    home = await makeHome(emu.url);
    await writeToken(home, emu.mintToken({ startUrl: START_URL, region: "us-east-1" }));
    const sh = await runCli(["use", "dev"], { ...home.env, SHELL: "/bin/zsh", AWS_PROFILE: "static" });
    expect(sh.code, sh.stderr).toBe(0);
    expect(sh.stdout).toMatch(/^# sso-creds use\nunset AWS_PROFILE\nunset AWS_DEFAULT_PROFILE\nunset AWS_SECURITY_TOKEN\nexport AWS_ACCESS_KEY_ID='ASIA/);
    expect(sh.stdout).toContain("export AWS_REGION='us-west-2'\nexport AWS_DEFAULT_REGION='us-west-2'\nexport SSO_CREDS_PROFILE='dev'\nexport SSO_CREDS_USE='dev'\n");
    const fish = await runCli(["use", "dev", "--shell", "fish"], home.env);
    expect(fish.stdout).toContain("set -e AWS_PROFILE; or true\n");
    expect(fish.stdout).toContain("set -gx SSO_CREDS_USE 'dev'\n");
    const unset = await runCli(["use", "--unset"], { ...home.env, SHELL: "/bin/bash", SSO_CREDS_USE: "dev" });
    expect(unset.stdout).toBe(
      "# sso-creds use\n" +
        ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION", "AWS_ACCOUNT_ID", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_SECURITY_TOKEN", "SSO_CREDS_PROFILE", "SSO_CREDS_USE"]
          .map((n) => `unset ${n}\n`)
          .join(""),
    );
    expect(unset.stderr).toBe("Cleared the credentials of profile dev from this shell.\n");
    // Credentials from `sso env` (no marker): the user's own region stays.
    const own = await runCli(["use", "--unset", "--shell", "powershell"], home.env);
    expect(own.stdout).not.toContain("AWS_REGION");
    expect(own.stdout).toContain("Remove-Item -ErrorAction SilentlyContinue Env:AWS_SESSION_TOKEN\n");
    const shellInit = await runCli(["shell-init", "tcsh"], home.env);
    expect(shellInit.code).toBe(2);
  });
});
