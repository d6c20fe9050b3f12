import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { makeHome, RUN_JS } from "../test-support/cliHarness.js";
import {
  BASE_CONFIG,
  expectUserError,
  loggedInHome,
  runCli,
  SESSION,
  START_URL,
  startEmulator,
  type CliHome,
  type Emulator,
} from "../test-support/credentialCommandsHome.js";

let emu: Emulator;
const homes: CliHome[] = [];

beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true });
}, 60_000);
afterEach(async () => {
  for (const h of homes.splice(0)) await h.cleanup();
});
afterAll(async () => {
  await emu?.close();
});

const tokenFile = (home: CliHome) => join(home.ssoCache, `${createHash("sha1").update(SESSION).digest("hex")}.json`);

async function home(token?: object, config = BASE_CONFIG): Promise<CliHome> {
  const h = token ? await loggedInHome(emu, config, token as ReturnType<Emulator["mintToken"]>) : await makeHome(emu.url, config);
  homes.push(h);
  return h;
}

const exec = (h: CliHome) => runCli(["exec", "--profile", "dev", "--", process.execPath, "-e", "console.log(process.env.AWS_ACCESS_KEY_ID)"], h.env);

describe("sso token export | sso token import", () => {
  it("moves a token to an empty HOME, where sso exec uses it without a login, and the file is the AWS CLI's, 0600", async () => {
    const token = emu.mintToken({ startUrl: START_URL, region: "us-east-1" });
    const from = await home(token);
    const to = await home();
    const exported = await runCli(["token", "export", "--sso-session", SESSION], from.env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/^Exported the token of sso-session my-sso \(valid until \S+Z, refreshable\)\.\n$/);
    const json = JSON.parse(exported.stdout);
    expect(json).toMatchObject({ startUrl: START_URL, region: "us-east-1", accessToken: token.accessToken, refreshToken: token.refreshToken, clientSecret: token.clientSecret });

    const before = emu.stats();
    const imported = await runCli(["token", "import"], to.env, { input: exported.stdout });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^Imported the token of sso-session my-sso into ~\/\.aws\/sso\/cache\/[0-9a-f]{40}\.json \(valid until \S+Z, refreshable\)\.\n$/);
    expect(imported.stdout + imported.stderr).not.toContain(token.accessToken);
    // Byte for byte what the source had (the AWS CLI's serialisation), with the AWS CLI's mode.
    expect(readFileSync(tokenFile(to), "utf8")).toBe(exported.stdout.trimEnd());
    expect(statSync(tokenFile(to)).mode & 0o777).toBe(0o600);
    expect(statSync(to.ssoCache).mode & 0o777).toBe(0o700);

    const r = await exec(to);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ASIA/);
    const after = emu.stats();
    expect((after.CreateToken ?? 0) - (before.CreateToken ?? 0)).toBe(0);
    expect((after.StartDeviceAuthorization ?? 0) - (before.StartDeviceAuthorization ?? 0)).toBe(0);
  });

  it("the shell pipeline a user types works as it is", async () => {
    const from = await home(emu.mintToken({ startUrl: START_URL, region: "us-east-1" }));
    const to = await home();
    const node = process.execPath;
    const r = spawnSync("sh", ["-c", `HOME="$1" "$0" "$3" token export --sso-session my-sso | HOME="$2" "$0" "$3" token import --sso-session my-sso`, node, from.home, to.home, RUN_JS], {
      env: { ...from.env, HOME: "" },
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(tokenFile(to))).toBe(true);
    expect((await exec(to)).code).toBe(0);
  });

  it("--no-refresh-token: a copy that cannot refresh, works until expiry and never calls CreateToken", async () => {
    // Inside the 15-minute refresh window: the full token would be refreshed by its user.
    const token = emu.mintToken({ startUrl: START_URL, region: "us-east-1", accessTokenTtlSeconds: 600 });
    const from = await home(token);
    const exported = await runCli(["token", "export", "--sso-session", SESSION, "--no-refresh-token"], from.env);
    expect(exported.code, exported.stderr).toBe(0);
    const json = JSON.parse(exported.stdout);
    expect(Object.keys(json).sort()).toEqual(["accessToken", "expiresAt", "region", "startUrl"]);
    expect(exported.stderr).toContain("access token only: it cannot be refreshed");

    const before = emu.stats().CreateToken ?? 0;
    const to = await home();
    expect((await runCli(["token", "import", "--sso-session", SESSION], to.env, { input: exported.stdout })).code).toBe(0);
    const r = await exec(to);
    expect(r.code, r.stderr).toBe(0);
    const status = await runCli(["status", "--sso-session", SESSION], to.env);
    expect(status.stdout).toContain("not refreshable");
    expect((emu.stats().CreateToken ?? 0) - before).toBe(0);
  });

  it("refreshes a token near expiry before exporting it, so the copy lives as long as it can", async () => {
    const token = emu.mintToken({ startUrl: START_URL, region: "us-east-1", accessTokenTtlSeconds: 300 });
    const from = await home(token);
    const before = emu.stats().CreateToken ?? 0;
    const exported = await runCli(["token", "export", "--sso-session", SESSION], from.env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/^Exported the token of sso-session my-sso \(valid until \S+Z, refreshable\)\.\n$/);
    expect((emu.stats().CreateToken ?? 0) - before).toBe(1);
    const json = JSON.parse(exported.stdout);
    expect(json.accessToken).not.toBe(token.accessToken);
    expect(Date.parse(json.expiresAt) - Date.now()).toBeGreaterThan(60 * 60 * 1000);
    // The source machine keeps the refreshed token too (one refresh, written back under the lock).
    expect(JSON.parse(readFileSync(tokenFile(from), "utf8")).accessToken).toBe(json.accessToken);
  });

  it("refuses to print the token to a terminal unless --force", async () => {
    const from = await home(emu.mintToken({ startUrl: START_URL, region: "us-east-1" }));
    // script(1) gives the command a real pseudo-terminal as stdout.
    const run = (extra: string) =>
      spawnSync("script", ["-qec", `"${process.execPath}" "${RUN_JS}" token export --sso-session my-sso ${extra}`, "/dev/null"], { env: from.env, encoding: "utf8" });
    const refused = run("");
    expect(refused.status).toBe(1);
    expect(refused.stdout.replace(/\r/g, "")).toMatch(/^sso: The token is a secret; refusing to print it to a terminal\. Run: sso token export --sso-session my-sso \| ssh HOST sso token import/);
    expect(refused.stdout).not.toContain("accessToken");
    const forced = run("--force");
    expect(forced.status, forced.stdout).toBe(0);
    expect(forced.stdout).toContain('"accessToken"');
  });

  it("export without a token says how to log in", async () => {
    const r = await runCli(["token", "export", "--sso-session", SESSION], (await home()).env);
    expectUserError(r);
    expect(r.stderr).toContain("Run: sso login --sso-session my-sso");
  });
});

describe("sso token import --write-config on a machine with no sso-session yet", () => {
  it("adds [sso-session NAME] from the token's start URL and region, keeps every other byte, and the token serves sso list", async () => {
    const token = emu.mintToken({ startUrl: START_URL, region: "us-east-1" });
    const own = "# my own settings\n[profile static]\nregion = eu-west-1";
    const h = await home(undefined, own);
    const r = await runCli(["token", "import", "--sso-session", "work", "--write-config"], h.env, { input: JSON.stringify(token) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Added \[sso-session work\] to ~\/\.aws\/config \(sso_start_url = https:\/\/d-0123456789\.awsapps\.com\/start, sso_region = us-east-1\)\.\nImported the token of sso-session work/);
    const config = readFileSync(join(h.home, ".aws", "config"), "utf8");
    expect(config).toBe(`${own}\n\n[sso-session work]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`);
    const list = await runCli(["list", "--sso-session", "work", "--json"], h.env);
    expect(list.code, list.stderr).toBe(0);
    // Again: the section is there with the same settings, so nothing is added twice.
    const again = await runCli(["token", "import", "--sso-session", "work", "--write-config", "--force"], h.env, { input: JSON.stringify(token) });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain("Added");
    expect(readFileSync(join(h.home, ".aws", "config"), "utf8")).toBe(config);
  });

  it("refuses to touch a session of that name with other settings", async () => {
    const token = emu.mintToken({ startUrl: START_URL, region: "us-east-1" });
    const h = await home(undefined, BASE_CONFIG.replace("sso_region = us-east-1", "sso_region = eu-west-1"));
    const before = readFileSync(join(h.home, ".aws", "config"), "utf8");
    const r = await runCli(["token", "import", "--sso-session", SESSION, "--write-config"], h.env, { input: JSON.stringify(token) });
    expectUserError(r);
    expect(r.stderr).toContain("already has [sso-session my-sso] with other settings; it is left alone.");
    expect(readFileSync(join(h.home, ".aws", "config"), "utf8")).toBe(before);
    expect(existsSync(tokenFile(h))).toBe(false);
  });
});

describe("sso token import refuses, in one line, and changes no file", () => {
  const OTHER_CONFIG = BASE_CONFIG.replace(START_URL, "https://d-9999999999.awsapps.com/start");

  async function expectRefused(h: CliHome, input: string, args: string[], pattern: RegExp): Promise<void> {
    const before = existsSync(tokenFile(h)) ? readFileSync(tokenFile(h), "utf8") : undefined;
    const r = await runCli(["token", "import", ...args], h.env, { input });
    expectUserError(r);
    expect(r.stderr).toMatch(pattern);
    expect(existsSync(tokenFile(h)) ? readFileSync(tokenFile(h), "utf8") : undefined).toBe(before);
    for (const secret of [JSON.stringify(input)]) expect(r.stderr).not.toContain(secret);
  }

  it("a token of another start URL", async () => {
    const token = emu.mintToken({ startUrl: START_URL, region: "us-east-1" });
    const h = await home(undefined, OTHER_CONFIG);
    await expectRefused(h, JSON.stringify(token), ["--sso-session", SESSION], /is for https:\/\/d-0123456789\.awsapps\.com\/start, not for sso-session my-sso/);
    // With no session named, none matches the token's start URL.
    await expectRefused(h, JSON.stringify(token), [], /No \[sso-session\] in ~\/\.aws\/config has sso_start_url https:\/\/d-0123456789/);
  });

  it("a token of another region", async () => {
    const token = emu.mintToken({ startUrl: START_URL, region: "eu-west-1" });
    await expectRefused(await home(), JSON.stringify(token), ["--sso-session", SESSION], /is for region eu-west-1, but sso-session my-sso has sso_region us-east-1/);
  });

  it("a token older than the cached one, unless --force", async () => {
    const longer = emu.mintToken({ startUrl: START_URL, region: "us-east-1", accessTokenTtlSeconds: 8 * 3600 });
    const shorter = emu.mintToken({ startUrl: START_URL, region: "us-east-1", accessTokenTtlSeconds: 3600 });
    const h = await home(longer);
    await expectRefused(h, JSON.stringify(shorter), ["--sso-session", SESSION], /expires later .* nothing was changed\. Run: sso token import --sso-session my-sso --force/);
    const forced = await runCli(["token", "import", "--sso-session", SESSION, "--force"], h.env, { input: JSON.stringify(shorter) });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain("replacing the one there");
    expect(JSON.parse(readFileSync(tokenFile(h), "utf8")).accessToken).toBe(shorter.accessToken);
  });

  it("malformed input: not JSON, no accessToken, a registration file, an expired token that cannot refresh, nothing", async () => {
    const h = await home(emu.mintToken({ startUrl: START_URL, region: "us-east-1" }));
    const args = ["--sso-session", SESSION];
    await expectRefused(h, '{"accessToken": "abc", ', args, /is not JSON/);
    await expectRefused(h, '{"expiresAt": "2030-01-01T00:00:00Z"}', args, /has no accessToken/);
    await expectRefused(h, '{"clientId": "x", "clientSecret": "y", "expiresAt": "2030-01-01T00:00:00Z"}', args, /looks like a client registration file/);
    await expectRefused(h, JSON.stringify({ startUrl: START_URL, region: "us-east-1", accessToken: "abc", expiresAt: "2020-01-01T00:00:00Z" }), args, /expired at .* cannot be refreshed/);
    await expectRefused(h, "", args, /is empty/);
  });
});
