// `sso env --write-credentials NAME`: a static profile for tools that read only the shared files, removed by logout.
import { spawn } from "node:child_process";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectUserError, loggedInHome, runCli, START_URL, startEmulator, type CliHome, type Emulator } from "../test-support/credentialCommandsHome.js";

let emu: Emulator;
let home: CliHome;
let token: ReturnType<Emulator["mintToken"]>;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true });
}, 60_000);
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  token = emu.mintToken({ startUrl: START_URL, region: "us-east-1" });
  home = await loggedInHome(emu, undefined, token);
});
afterEach(async () => {
  await home?.cleanup();
});

/** boto3 as an old tool would use it: a named profile from the shared files, and an STS call the emulator verifies. */
function boto3CallerIdentity(profile: string): Promise<{ key: string; arn: string }> {
  const py = [
    "import json, boto3",
    `s = boto3.Session(profile_name=${JSON.stringify(profile)})`,
    "c = s.get_credentials()",
    "arn = s.client('sts').get_caller_identity()['Arn']",
    "print(json.dumps({'key': c.access_key, 'arn': arn, 'method': c.method}))",
  ].join("\n");
  return new Promise((resolve, reject) => {
    // No SSO endpoint for boto3: the static keys must be enough.
    const env = { PATH: process.env.PATH ?? "", HOME: home.home, AWS_ENDPOINT_URL_STS: emu.url, AWS_EC2_METADATA_DISABLED: "true" };
    const child = spawn("python3", ["-c", py], { env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(err))));
  });
}

describe("sso env --write-credentials", () => {
  it("writes a 0600 static profile that boto3 uses for a verified STS call; a second run replaces it; logout removes it", async () => {
    const credentialsFile = join(home.home, ".aws/credentials");
    await writeFile(credentialsFile, "# my keys\n[legacy]\naws_access_key_id = AKIAUSEROWN\naws_secret_access_key = mine\n", { mode: 0o600 });
    const first = await runCli(["env", "--profile", "dev", "--write-credentials", "dev-static"], home.env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("[dev-static] in ~/.aws/credentials and [profile dev-static] in ~/.aws/config");
    expect(first.stdout).toContain("AWS_PROFILE=dev-static");

    const text = await readFile(credentialsFile, "utf8");
    expect(text.startsWith("# my keys\n[legacy]\naws_access_key_id = AKIAUSEROWN\naws_secret_access_key = mine\n")).toBe(true);
    const key = /\[dev-static\][^[]*aws_access_key_id = (\S+)/.exec(text)?.[1];
    expect(key).toMatch(/^ASIA/);
    expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(join(home.home, ".aws/config"), "utf8")).toMatch(/\[profile dev-static\]\n# written by `sso env --write-credentials` for sso-session "my-sso"; [^\n]*\nregion = eu-west-1\n$/);
    // Nothing secret on the terminal: not the keys, not the token.
    const secret = /aws_secret_access_key = (\S+)\naws_session_token = (\S+)/.exec(text.slice(text.indexOf("[dev-static]")))!;
    for (const s of [secret[1]!, secret[2]!, token.accessToken]) expect(first.stdout + first.stderr).not.toContain(s);

    const boto = await boto3CallerIdentity("dev-static");
    expect(boto).toMatchObject({ key, arn: expect.stringMatching(/^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_AdministratorAccess_/) });

    // Again: the section is replaced, not duplicated (the key is the cached one).
    expect((await runCli(["env", "--profile", "dev", "--write-credentials", "dev-static"], home.env)).code).toBe(0);
    expect((await readFile(credentialsFile, "utf8")).match(/\[dev-static\]/g)).toHaveLength(1);

    const out = await runCli(["logout", "--sso-session", "my-sso"], home.env);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain("Removed [dev-static] from ~/.aws/credentials");
    const after = await readFile(credentialsFile, "utf8");
    expect(after).not.toContain("dev-static");
    expect(after).toContain("[legacy]\naws_access_key_id = AKIAUSEROWN");
    expect(await readFile(join(home.home, ".aws/config"), "utf8")).not.toContain("dev-static");
  }, 60_000);

  it("refuses the source profile itself, an SSO profile, and a section the user wrote; nothing is changed", async () => {
    const credentialsFile = join(home.home, ".aws/credentials");
    await writeFile(credentialsFile, "[mine]\naws_access_key_id = AKIAUSEROWN\n", { mode: 0o600 });
    const configBefore = await readFile(join(home.home, ".aws/config"), "utf8");
    for (const [name, why] of [
      ["dev", /would put static keys into the profile they come from.* Run: sso env --profile dev --write-credentials dev-static$/],
      ["noregion", /Profile noregion already gets credentials from sso_session, sso_account_id, sso_role_name/],
      ["mine", /already has a \[mine\] section of your own; it is left alone/],
    ] as const) {
      const r = await runCli(["env", "--profile", "dev", "--write-credentials", name], home.env);
      expectUserError(r);
      expect(r.stderr.trim()).toMatch(why);
    }
    expect(await readFile(credentialsFile, "utf8")).toBe("[mine]\naws_access_key_id = AKIAUSEROWN\n");
    expect(await readFile(join(home.home, ".aws/config"), "utf8")).toBe(configBefore);
  }, 60_000);

  it("logout of another session leaves the profile; logout of all removes it", async () => {
    expect((await runCli(["env", "--profile", "noregion", "--write-credentials", "ro"], home.env)).code).toBe(0);
    const credentialsFile = join(home.home, ".aws/credentials");
    expect(await readFile(credentialsFile, "utf8")).toContain("[ro]");
    // noregion has no region: nothing goes into the config file.
    expect(await readFile(join(home.home, ".aws/config"), "utf8")).not.toContain("[profile ro]");
    await writeFile(join(home.home, ".aws/config"), `${await readFile(join(home.home, ".aws/config"), "utf8")}\n[sso-session other]\nsso_start_url = https://d-9999999999.awsapps.com/start\nsso_region = us-east-1\n`);
    const other = await runCli(["logout", "--sso-session", "other"], home.env);
    expect(other.code, other.stderr).toBe(0);
    expect(await readFile(credentialsFile, "utf8")).toContain("[ro]");
    const all = await runCli(["logout", "--all"], home.env);
    expect(all.code, all.stderr).toBe(0);
    expect(await readFile(credentialsFile, "utf8")).not.toContain("[ro]");
  }, 60_000);
});
