import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_JS } from "../test-support/cliHarness.js";
import { BASE_CONFIG, loggedInHome, runCli, startEmulator, type CliHome, type CliRun, type Emulator } from "../test-support/credentialCommandsHome.js";

const MFA_SERIAL = "arn:aws:iam::111111111111:mfa/alice";
const CONFIG = `${BASE_CONFIG}
[profile staging-ro]
role_arn = arn:aws:iam::222222222222:role/ReadOnlyAccess
source_profile = dev
role_session_name = alice
region = eu-central-1

[profile breakglass]
role_arn = arn:aws:iam::333333333333:role/BreakGlass
source_profile = staging-ro
mfa_serial = ${MFA_SERIAL}
`;

let emu: Emulator;
let home: CliHome;
beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    autoApprove: true,
    fixtures: { assumableRoles: [{ roleArn: "arn:aws:iam::333333333333:role/BreakGlass", mfaSerial: MFA_SERIAL, mfaCode: "654321" }] },
  });
  home = await loggedInHome(emu, CONFIG);
}, 60_000);
afterAll(async () => {
  await home?.cleanup();
  await emu?.close();
});

/** The CLI with `input` on stdin and no controlling terminal (setsid), as in CI. */
function runWithStdin(args: string[], env: Record<string, string>, input: string): Promise<CliRun> {
  const child = spawn(process.execPath, [RUN_JS, ...args], { env, stdio: ["pipe", "pipe", "pipe"], detached: true });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const json = (r: CliRun) => JSON.parse(r.stdout) as Record<string, string>;

describe("sso env / exec with role profiles", { timeout: 60_000 }, () => {
  it("env: a role_arn + source_profile profile gives the assumed role's credentials and its own region", async () => {
    const before = emu.stats().AssumeRole ?? 0;
    const r = await runCli(["env", "--profile", "staging-ro", "--format", "json"], home.env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({ AWS_ACCOUNT_ID: "222222222222", AWS_REGION: "eu-central-1" });
    expect(emu.stats().AssumeRole).toBe(before + 1);
  });

  it("exec: the child's STS GetCallerIdentity shows the assumed role; the second run uses the cache", async () => {
    const before = emu.stats().AssumeRole ?? 0;
    const script = `const { STSClient, GetCallerIdentityCommand } = await import(${JSON.stringify(import.meta.resolve("@aws-sdk/client-sts"))});
      const id = await new STSClient({}).send(new GetCallerIdentityCommand({})); process.stdout.write(id.Arn);`;
    const r = await runCli(["exec", "--profile", "staging-ro", "--", process.execPath, "--input-type=module", "-e", script], home.env);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("arn:aws:sts::222222222222:assumed-role/ReadOnlyAccess/alice");
    expect(emu.stats().AssumeRole ?? 0).toBe(before);
  });

  it("mfa_serial: the code is read from piped stdin when there is no terminal, prompted on stderr", async () => {
    const before = emu.stats().AssumeRole ?? 0;
    const r = await runWithStdin(["env", "--profile", "breakglass", "--format", "json"], home.env, "654321\n");
    expect(r.stderr).toContain(`Enter MFA code for ${MFA_SERIAL}: `);
    expect(r.code).toBe(0);
    expect(json(r).AWS_ACCOUNT_ID).toBe("333333333333");
    expect(emu.stats().AssumeRole).toBe(before + 1);
    // Cached now: no prompt, no call.
    const again = await runWithStdin(["env", "--profile", "breakglass", "--format", "json"], home.env, "");
    expect(again.stderr).toBe("");
    expect(json(again)).toEqual(json(r));
  });

  it("mfa_serial: SSO_CREDS_MFA_CODE answers the prompt; a wrong code fails with one line naming the device", async () => {
    const cold = { ...home.env, SSO_CREDS_CLI_CACHE_DIR: `${home.home}/other-cache` };
    const ok = await runWithStdin(["env", "--profile", "breakglass", "--format", "json"], { ...cold, SSO_CREDS_MFA_CODE: "654321" }, "");
    expect(ok.stderr).toBe("");
    expect(json(ok).AWS_ACCOUNT_ID).toBe("333333333333");

    const bad = await runWithStdin(["env", "--profile", "breakglass"], { ...cold, SSO_CREDS_CLI_CACHE_DIR: `${home.home}/third-cache`, SSO_CREDS_MFA_CODE: "000000" }, "");
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(new RegExp(`^sso: STS refused the MFA code for ${MFA_SERIAL}`));

    const none = await runWithStdin(["env", "--profile", "breakglass"], { ...cold, SSO_CREDS_CLI_CACHE_DIR: `${home.home}/fourth-cache` }, "");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("Run: export SSO_CREDS_MFA_CODE=");
  });

  it("status and login --profile <role profile> work through the chain's SSO profile", async () => {
    const status = await runCli(["status", "--profile", "staging-ro", "--json"], home.env);
    expect(status.code).toBe(0);
    const out = JSON.parse(status.stdout) as { sessions: Array<{ ssoSession: string }>; profile: { accountId: string; roleName: string; credentialsExpiration?: string } };
    expect(out.sessions.map((x) => x.ssoSession)).toEqual(["my-sso"]);
    expect(out.profile).toMatchObject({ accountId: "222222222222", roleName: "ReadOnlyAccess" });
    expect(Date.parse(out.profile.credentialsExpiration!)).toBeGreaterThan(Date.now());
    const login = await runCli(["login", "--profile", "staging-ro", "--no-browser"], home.env);
    expect(login.code).toBe(0);
    expect(login.stderr + login.stdout).toContain("my-sso");
  });
});
