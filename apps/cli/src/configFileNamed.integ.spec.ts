// A user who keeps the config elsewhere (AWS_CONFIG_FILE) is told about that file, not about ~/.aws/config, in every
// line that names the config: the one they would open to mend it.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeHome } from "./test-support/cliHarness.js";
import { runCli, startEmulator, START_URL, type CliHome, type Emulator } from "./test-support/credentialCommandsHome.js";

let emu: Emulator;
let home: CliHome;
let env: Record<string, string>;
let shown: string;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true });
  home = await makeHome(emu.url, null);
  await mkdir(join(home.home, "conf"), { recursive: true });
  env = { ...home.env, AWS_CONFIG_FILE: join(home.home, "conf", "aws.ini") };
  shown = "~/conf/aws.ini";
});
afterAll(async () => {
  await home?.cleanup();
  await emu?.close();
});

const setConfig = (text: string) => writeFile(env.AWS_CONFIG_FILE!, text);
const token = (over: object = {}) => JSON.stringify({ ...emu.mintToken({ startUrl: START_URL, region: "us-east-1" }), startUrl: START_URL, region: "us-east-1", ...over });

describe("messages name the config file in use (AWS_CONFIG_FILE), not ~/.aws/config", () => {
  it("sso status with no sso-session", async () => {
    await setConfig("[profile static]\nregion = us-east-1\n");
    const r = await runCli(["status"], env);
    expect(`${r.stdout}${r.stderr}`).toContain(`No sso-session in ${shown}.`);
    expect(`${r.stdout}${r.stderr}`).not.toContain("~/.aws/config");
  });

  it("sso use with no IAM Identity Center profile", async () => {
    await setConfig("[profile static]\nregion = us-east-1\n");
    const r = await runCli(["use"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`sso: No IAM Identity Center profile to use in ${shown}. Run: sso configure\n`);
  });

  it("sso token import of a token whose start URL no sso-session has", async () => {
    await setConfig("[sso-session other]\nsso_start_url = https://d-1111111111.awsapps.com/start\nsso_region = us-east-1\n");
    const r = await runCli(["token", "import"], env, { input: token() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`No [sso-session] in ${shown} has sso_start_url ${START_URL}.`);
    expect(r.stderr).toContain(`with sso_start_url = ${START_URL} to ${shown}`);
    expect(r.stderr).not.toContain("~/.aws/config");
  });

  it("sso token import --write-config of a token that does not say its start URL", async () => {
    await setConfig("");
    const r = await runCli(["token", "import", "--sso-session", "new", "--write-config"], env, { input: token({ startUrl: undefined, region: undefined }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`add [sso-session new] with sso_start_url and sso_region to ${shown} yourself`);
  });

  it("sso token import of a token for another region", async () => {
    await setConfig(`[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = eu-west-1\n`);
    const r = await runCli(["token", "import", "--sso-session", "corp"], env, { input: token() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`correct sso_region of sso-session corp in ${shown}, or import`);
  });
});
