import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_CONFIG, loggedInHome, SESSION, startEmulator, type CliHome, type Emulator } from "../test-support/credentialCommandsHome.js";
import { ssoBinDir } from "../test-support/tmux.js";

// Two profiles in two regions: dev (BASE_CONFIG, eu-west-1) and prod.
const CONFIG = BASE_CONFIG.replace(
  `[sso-session ${SESSION}]`,
  `[profile prod]
sso_session = ${SESSION}
sso_account_id = 333333333333
sso_role_name = ReadOnlyAccess
region = ap-southeast-2

[sso-session ${SESSION}]`,
);

let emu: Emulator;
let home: CliHome;
let bin: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true });
  home = await loggedInHome(emu, CONFIG);
  bin = await ssoBinDir();
}, 60_000);
afterAll(async () => {
  await home?.cleanup();
  await emu?.close();
  if (bin) await rm(bin, { recursive: true, force: true });
});

/** `script` in bash with the shell function of `sso shell-init bash` loaded, as a user's ~/.bashrc has it. */
function bashWithShellInit(script: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", `eval "$(sso shell-init bash)"\n${script}`], {
      env: { ...home.env, PATH: `${bin}:${home.env.PATH}`, SHELL: "/bin/bash", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const SHOW = `echo "$SSO_CREDS_PROFILE account=$AWS_ACCOUNT_ID region=$AWS_REGION default=$AWS_DEFAULT_REGION"`;

describe("sso use: the region is the profile's own", () => {
  it("sso use dev, then sso use prod: prod's region replaces the AWS_REGION dev's left, and one the user exported", async () => {
    const r = await bashWithShellInit(`sso use dev && ${SHOW} && sso use prod && ${SHOW}`, { AWS_REGION: "us-east-2", AWS_DEFAULT_REGION: "us-east-2" });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")).toEqual(["dev account=111111111111 region=eu-west-1 default=eu-west-1", "prod account=333333333333 region=ap-southeast-2 default=ap-southeast-2", ""]);
    expect(r.stderr).toMatch(/^Using profile dev \(account 111111111111, region eu-west-1\) until \d{4}-[^\n]*\nUsing profile prod \(account 333333333333, region ap-southeast-2\) until \d{4}-/);
  });

  it("sso use noregion after sso use dev: dev's region goes; a region the user exported stays", async () => {
    const r = await bashWithShellInit(`sso use dev && sso use noregion && ${SHOW} && sso use --unset && export AWS_REGION=us-east-2 && sso use noregion && ${SHOW}`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")).toEqual(["noregion account=222222222222 region= default=", "noregion account=222222222222 region=us-east-2 default=", ""]);
  });

  it("sso env in that shell keeps its AWS_REGION, by the SDKs' precedence: the profile's own region is sso use's alone", async () => {
    const r = await bashWithShellInit(`sso use dev && eval "$(sso env --profile prod)" && ${SHOW}`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("dev account=333333333333 region=eu-west-1 default=eu-west-1\n");
  });
});
