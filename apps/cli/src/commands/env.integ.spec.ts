import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectUserError, loggedInHome, runCli, START_URL, startEmulator, type CliHome, type Emulator } from "../test-support/credentialCommandsHome.js";

let emu: Emulator;
let home: CliHome;
let token: ReturnType<Emulator["mintToken"]>;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true });
  token = emu.mintToken({ startUrl: START_URL, region: "us-east-1" });
  home = await loggedInHome(emu, undefined, token);
}, 60_000);
afterAll(async () => {
  await home?.cleanup();
  await emu?.close();
});

function bash(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script], { env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`bash exited ${code}`))));
  });
}

function expectNoTokenSecret(text: string): void {
  expect(text).not.toContain(token.accessToken);
  if (token.refreshToken) expect(text).not.toContain(token.refreshToken);
  if (token.clientSecret) expect(text).not.toContain(token.clientSecret);
}

describe("sso env", () => {
  it("prints sh that bash evaluates to the credentials a second run serves from the cache", async () => {
    const first = await runCli(["env", "--profile", "dev"], home.env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const evaluated = await bash(`${first.stdout}\nprintf '%s\\n' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_REGION" "$AWS_DEFAULT_REGION" "$AWS_ACCOUNT_ID" "$AWS_CREDENTIAL_EXPIRATION"`);
    const [accessKeyId, secretAccessKey, sessionToken, region, defaultRegion, accountId, expiration] = evaluated.split("\n");
    expect(accessKeyId).toMatch(/^ASIA/);
    expect(secretAccessKey).not.toBe("");
    expect(sessionToken).not.toBe("");
    expect(region).toBe("eu-west-1");
    expect(defaultRegion).toBe("eu-west-1");
    expect(accountId).toBe("111111111111");
    expect(Date.parse(expiration!)).toBeGreaterThan(Date.now());

    const calls = emu.stats().GetRoleCredentials ?? 0;
    const json = await runCli(["env", "--profile", "dev", "--format", "json"], home.env);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken });
    expect(emu.stats().GetRoleCredentials ?? 0).toBe(calls);
    expectNoTokenSecret(first.stdout + first.stderr + json.stdout + json.stderr);
  }, 60_000);

  it("prints every other format", async () => {
    const formats: Record<string, RegExp> = {
      fish: /^set -gx AWS_ACCESS_KEY_ID 'ASIA[^']*'$/m,
      powershell: /^\$Env:AWS_ACCESS_KEY_ID = 'ASIA[^']*'$/m,
      "windows-cmd": /^set "AWS_ACCESS_KEY_ID=ASIA[^"]*"$/m,
      dotenv: /^AWS_ACCESS_KEY_ID="ASIA[^"]*"$/m,
      github: /^AWS_ACCESS_KEY_ID<<(ghadelimiter_[0-9a-f-]+)\nASIA\S*\n\1$/m,
      process: /^\{\n {2}"Version": 1,\n {2}"AccessKeyId": "ASIA/,
    };
    for (const [format, pattern] of Object.entries(formats)) {
      const r = await runCli(["env", "--profile", "dev", "--format", format], home.env);
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(pattern);
    }
  }, 60_000);

  it("leaves region variables out for a profile without a region", async () => {
    const r = await runCli(["env", "--profile", "noregion"], home.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("export AWS_ACCOUNT_ID='222222222222'");
    expect(r.stdout).not.toContain("AWS_REGION");
  }, 30_000);

  it("fails with a short message naming an unknown profile", async () => {
    const r = await runCli(["env", "--profile", "nope"], home.env);
    expectUserError(r);
    expect(r.stderr).toContain("nope");
  }, 30_000);

  it("fails naming `sso login` when the token expired, with no secret in the output", async () => {
    const old = emu.mintToken({ startUrl: START_URL, region: "us-east-1", withRefreshToken: false });
    const expired = await loggedInHome(emu, undefined, { ...old, expiresAt: "2020-01-01T00:00:00Z" });
    try {
      const r = await runCli(["env", "--profile", "dev"], expired.env);
      expectUserError(r);
      expect(r.stderr).toContain("sso login");
      expect(r.stderr).not.toContain(old.accessToken);
    } finally {
      await expired.cleanup();
    }
  }, 30_000);
});
