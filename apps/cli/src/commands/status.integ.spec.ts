import { createHash } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeHome } from "../test-support/cliHarness.js";
import { BASE_CONFIG, START_URL, runCli, startEmulator, writeToken, type CliHome, type Emulator } from "../test-support/credentialCommandsHome.js";

const LEGACY_URL = "https://d-9999999999.awsapps.com/start";
const CONFIG = `${BASE_CONFIG}
[sso-session other]
sso_start_url = https://d-1111111111.awsapps.com/start
sso_region = us-east-1

[profile legacy]
sso_start_url = ${LEGACY_URL}
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = ReadOnlyAccess
`;

let emu: Emulator;
const homes: CliHome[] = [];
beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true });
});
afterAll(async () => {
  for (const h of homes) await h.cleanup();
  await emu.close();
});

async function home(): Promise<CliHome> {
  const h = await makeHome(emu.url, CONFIG);
  homes.push(h);
  return h;
}
const minted = () => emu.mintToken({ startUrl: START_URL, region: "us-east-1" });
const past = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");

async function writeLegacyToken(h: CliHome, token: object): Promise<void> {
  await mkdir(h.ssoCache, { recursive: true, mode: 0o700 });
  await writeFile(join(h.ssoCache, `${createHash("sha1").update(LEGACY_URL).digest("hex")}.json`), JSON.stringify(token), { mode: 0o600 });
}

describe("sso status exit codes", () => {
  it("nothing logged in: every form exits 1, says how to log in, --json keeps its shape", async () => {
    const h = await home();
    const all = await runCli(["status"], h.env);
    expect(all.code, all.stderr).toBe(1);
    expect(all.stdout).toContain("sso-session my-sso: not logged in (run: sso login --sso-session my-sso)");
    expect(all.stdout).toContain(`${LEGACY_URL} (legacy profile legacy): not logged in (run: sso login --profile legacy)`);
    for (const args of [["--sso-session", "my-sso"], ["--profile", "dev"], ["--profile", "legacy"]]) {
      expect((await runCli(["status", ...args], h.env)).code, args.join(" ")).toBe(1);
    }
    const json = await runCli(["status", "--json"], h.env);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { sessions: Array<Record<string, unknown>> };
    expect(parsed.sessions.map((s) => Object.keys(s).sort())[0]).toEqual(["expired", "loggedIn", "refreshable", "region", "ssoSession", "startUrl"]);
    expect(parsed.sessions.every((s) => s.loggedIn === false)).toBe(true);
  });

  it("one sso-session logged in: exits 0 with nothing named, 1 for another named session", async () => {
    const h = await home();
    await writeToken(h, minted());
    expect((await runCli(["status"], h.env)).code).toBe(0);
    expect((await runCli(["status", "--sso-session", "my-sso"], h.env)).code).toBe(0);
    const dev = await runCli(["status", "--profile", "dev", "--json"], h.env);
    expect(dev.code, dev.stderr).toBe(0);
    expect(JSON.parse(dev.stdout).profile.credentialsExpiration).toMatch(/Z$/);
    const other = await runCli(["status", "--sso-session", "other"], h.env);
    expect(other.code).toBe(1);
    expect(other.stdout).toBe("sso-session other: not logged in (run: sso login --sso-session other)\n");
  });

  it("an expired token: 0 while it can be refreshed, 1 when it cannot", async () => {
    const h = await home();
    await writeToken(h, { ...minted(), expiresAt: past });
    const refreshable = await runCli(["status", "--sso-session", "my-sso"], h.env);
    expect(refreshable.stdout).toMatch(/expired .* ago, refreshable\n$/);
    expect(refreshable.code).toBe(0);
    const { refreshToken: _r, ...noRefresh } = { ...minted(), expiresAt: past };
    await writeToken(h, noRefresh);
    const dead = await runCli(["status", "--sso-session", "my-sso"], h.env);
    expect(dead.stdout).toMatch(/not refreshable \(run: sso login --sso-session my-sso\)\n$/);
    expect(dead.code).toBe(1);
    expect((await runCli(["status"], h.env)).code).toBe(1);
  });

  it("a legacy profile's token (cached under its start URL) is listed and counts", async () => {
    const h = await home();
    await writeLegacyToken(h, emu.mintToken({ startUrl: LEGACY_URL, region: "us-east-1" }));
    const all = await runCli(["status"], h.env);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(new RegExp(`^${LEGACY_URL.replaceAll(".", "\\.")} \\(legacy profile legacy\\): valid until .*refreshable$`, "m"));
    const one = await runCli(["status", "--profile", "legacy"], h.env);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/profile legacy: account 111111111111, role ReadOnlyAccess\n {2}role credentials valid until/);
    await rm(h.ssoCache, { recursive: true });
    expect((await runCli(["status", "--profile", "legacy"], h.env)).code).toBe(1);
  });

  it("a profile whose role credentials cannot be had exits 1 even though its session is logged in", async () => {
    const h = await home();
    await writeToken(h, minted());
    await writeFile(join(h.home, ".aws", "config"), `${CONFIG}\n[profile norole]\nsso_session = my-sso\nsso_account_id = 999999999999\nsso_role_name = Nope\n`);
    const r = await runCli(["status", "--profile", "norole"], h.env);
    expect(r.stdout).toMatch(/role credentials unavailable: /);
    expect(r.code).toBe(1);
  });
});
