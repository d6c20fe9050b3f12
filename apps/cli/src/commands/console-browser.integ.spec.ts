import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_CONFIG, expectUserError, loggedInHome, runCli, startEmulator, type CliHome, type Emulator } from "../test-support/credentialCommandsHome.js";

const CONFIG = `${BASE_CONFIG}
[profile prod]
sso_session = my-sso
sso_account_id = 333333333333
sso_role_name = ReadOnlyAccess
region = us-east-2
sso_creds_browser = chrome
sso_creds_browser_profile = Prod Profile
`;

let emu: Emulator;
let home: CliHome;
let bin: string;
let env: Record<string, string>;

/**
 * Stand-in browsers on PATH: each records its argv (one JSON line) and, as a browser would, follows the URL it was
 * given (the last argument, or the url= of an ext+container: URL), recording where the loopback address sent it.
 */
const STAND_IN = `#!/usr/bin/env node
const fs = require("node:fs");
const args = process.argv.slice(2);
let url = args[args.length - 1];
if (url.startsWith("ext+container:")) url = new URLSearchParams(url.slice("ext+container:".length)).get("url");
fetch(url, { redirect: "manual" }).then((r) => {
  fs.appendFileSync(process.env.STAND_IN_LOG, JSON.stringify({ name: require("node:path").basename(process.argv[1]), args, status: r.status, location: r.headers.get("location") }) + "\\n");
});
`;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true });
  home = await loggedInHome(emu, CONFIG);
  bin = mkdtempSync(join(tmpdir(), "sso-browsers-"));
  for (const name of ["google-chrome", "firefox"]) {
    writeFileSync(join(bin, name), STAND_IN.replace("#!/usr/bin/env node", `#!${process.execPath}`));
    chmodSync(join(bin, name), 0o755);
  }
  env = { ...home.env, PATH: `${bin}:${home.env.PATH}`, SSO_CREDS_FEDERATION_ENDPOINT: emu.url, DISPLAY: ":0" };
}, 60_000);
afterAll(async () => {
  rmSync(bin, { recursive: true, force: true });
  await home?.cleanup();
  await emu?.close();
});

interface Launched {
  name: string;
  args: string[];
  status: number;
  location: string;
}

async function consoleRun(args: string[]): Promise<{ r: Awaited<ReturnType<typeof runCli>>; launched: Launched[] }> {
  const log = join(mkdtempSync(join(tmpdir(), "sso-browser-log-")), "log");
  const r = await runCli(["console", ...args], { ...env, STAND_IN_LOG: log });
  return { r, launched: await launchedFrom(log) };
}

/**
 * The stand-in writes its line after the redirect answered, which is what `sso console` waits for, so the line
 * may come a moment after `sso console` exits. appendFileSync creates the file before it writes: a file that
 * exists may still be empty, so this waits for a whole line, not for the file.
 */
async function launchedFrom(log: string): Promise<Launched[]> {
  const whole = () => (existsSync(log) ? readFileSync(log, "utf8") : "").endsWith("\n");
  for (let i = 0; i < 200 && !whole(); i++) await new Promise((res) => setTimeout(res, 50));
  return whole() ? readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Launched) : [];
}

async function consolePage(location: string): Promise<string> {
  const page = await fetch(location);
  expect(page.status).toBe(200);
  return page.text();
}

describe("sso console: service, region, browser, browser profile, Firefox container", { timeout: 60_000 }, () => {
  it("--service s3 --region eu-west-1 in Chrome's profile: the browser gets a one-use loopback URL, never the sign-in token", async () => {
    const { r, launched } = await consoleRun(["--profile", "dev", "--service", "s3", "--region", "eu-west-1", "--browser", "chrome", "--browser-profile", "Work"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("Opened the AWS console for profile dev (account 111111111111) in chrome, profile Work.\n");
    expect(launched).toHaveLength(1);
    const [{ name, args, status, location }] = launched as [Launched];
    expect(name).toBe("google-chrome");
    expect(args[0]).toBe("--profile-directory=Work");
    expect(args[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{24}$/);
    expect(status).toBe(302);
    const signin = new URL(location);
    expect(signin.searchParams.get("Destination")).toBe("https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1");
    expect(args.join(" ")).not.toContain(signin.searchParams.get("SigninToken")!);
    expect(await consolePage(location)).toContain("Account: 111111111111");
    // One use: the loopback address is gone once the browser has used it.
    await expect(fetch(args[1]!)).rejects.toThrow();
  });

  it("the profile's sso_creds_browser and sso_creds_browser_profile, and the region from AWS_REGION over the profile's", async () => {
    const log = join(mkdtempSync(join(tmpdir(), "sso-browser-log-")), "log");
    const r = await runCli(["console", "--profile", "prod", "--service", "lambda"], { ...env, STAND_IN_LOG: log, AWS_REGION: "ap-south-1" });
    expect(r.code, r.stderr).toBe(0);
    const [launched] = (await launchedFrom(log)) as [Launched];
    expect(launched.args[0]).toBe("--profile-directory=Prod Profile");
    expect(new URL(launched.location).searchParams.get("Destination")).toBe("https://ap-south-1.console.aws.amazon.com/lambda/home?region=ap-south-1");
    expect(await consolePage(launched.location)).toContain("Account: 333333333333");
  });

  it("--firefox-container with no name: a container named after the profile, in Firefox", async () => {
    const { r, launched } = await consoleRun(["--profile", "dev", "--firefox-container", "--service", "iam"]);
    expect(r.code, r.stderr).toBe(0);
    const [{ name, args, location }] = launched as [Launched];
    expect(name).toBe("firefox");
    expect(args).toHaveLength(1);
    expect(args[0]).toMatch(/^ext\+container:name=dev&url=http%3A%2F%2F127\.0\.0\.1%3A\d+%2F[\w-]{24}$/);
    expect(new URL(location).searchParams.get("Destination")).toBe("https://console.aws.amazon.com/iam/home?region=eu-west-1");
    const named = await consoleRun(["--profile", "dev", "--firefox-container", "Team A"]);
    expect(named.r.code, named.r.stderr).toBe(0);
    expect(named.launched[0]!.args[0]).toMatch(/^ext\+container:name=Team%20A&url=/);
  });

  it("wrong browser options fail at once, in one line, before any credentials are fetched", async () => {
    const before = emu.stats().GetRoleCredentials ?? 0;
    for (const [args, message] of [
      [["--browser", "brave"], /Browser "brave" was not found/],
      [["--browser-profile", "Work", "--browser", "/bin/true"], /Cannot tell how to choose a profile/],
      [["--browser", "chrome", "--firefox-container", "x"], /Firefox containers need Firefox/],
      [["--service", "s3", "--region", "Ireland"], /"Ireland" is not an AWS region name/],
    ] as const) {
      const r = await runCli(["console", "--profile", "noregion", ...args], env);
      expectUserError(r);
      expect(r.stderr).toMatch(message);
    }
    expect(emu.stats().GetRoleCredentials ?? 0).toBe(before);
  });
});

const chromium = spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).stdout.trim();

describe("sso console with headless Chromium and a real --profile-directory", { timeout: 90_000 }, () => {
  it.runIf(chromium !== "")("Chromium follows the loopback URL to the console page of the role, in the profile directory asked for", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sso-chromium-"));
    const wrapper = join(dir, "chromium-headless");
    // A headless Chromium as the user's browser: the same argv sso gives any Chromium, plus what headless needs here.
    writeFileSync(
      wrapper,
      `#!/bin/sh\nexec ${chromium} --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync --user-data-dir=${dir}/data --dump-dom "$@" > ${dir}/dom.html 2>/dev/null\n`,
    );
    chmodSync(wrapper, 0o755);
    try {
      const r = await runCli(["console", "--profile", "dev", "--service", "ec2", "--region", "eu-west-1", "--browser", wrapper, "--browser-profile", "Work Profile"], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("Opened the AWS console for profile dev (account 111111111111)");
      let dom = "";
      for (let i = 0; i < 300 && !dom.includes("</html>"); i++) {
        await new Promise((res) => setTimeout(res, 100));
        dom = existsSync(join(dir, "dom.html")) ? readFileSync(join(dir, "dom.html"), "utf8") : "";
      }
      expect(dom).toContain("Account: 111111111111");
      expect(dom).toContain("Role: AWSReservedSSO_AdministratorAccess_");
      expect(dom).toContain("https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1");
      expect(readdirSync(join(dir, "data"))).toContain("Work Profile");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
