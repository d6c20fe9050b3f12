import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile, mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { useEmulator } from "@sso-creds/emulator";
import * as vitest from "vitest";
import { afterEach, describe, expect, it } from "vitest";
import { assertNoSecrets, makeHome, runCli, START_URL, type CliHome } from "../test-support/cliHarness.js";

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");
const TOKEN_FILE = `${sha1("my-sso")}.json`;

const emu = useEmulator(vitest, { autoApprove: true });
let home: CliHome;

afterEach(async () => {
  await home?.cleanup();
});

async function readToken(h: CliHome): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(h.ssoCache, TOKEN_FILE), "utf8")) as Record<string, unknown>;
}

/** A stack line ("    at fn (file:1:2)") means an error escaped the error mapping. */
function expectCleanError(run: { code: number | null; stdout: string; stderr: string }, fixPattern?: RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^sso: .+/);
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  if (fixPattern) expect(run.stderr).toMatch(fixPattern);
}

describe("sso login (device code) against the emulator", () => {
  it("logs in, writes the token as AWS CLI v2 does, then reuses it; --force logs in again", async () => {
    home = await makeHome(emu.url);
    const first = await runCli(["login", "--sso-session", "my-sso", "--use-device-code"], home.env);
    expect(first.stderr).toBe(first.stderr); // keep for debugging output below
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Logged in to sso-session my-sso \(token valid for \d+h/);

    const raw = await readFile(join(home.ssoCache, TOKEN_FILE), "utf8");
    const token = JSON.parse(raw) as Record<string, string>;
    // Key order and layout of the AWS CLI's _sso_json_dumps.
    expect(Object.keys(token)).toEqual(["startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken"]);
    expect(raw.startsWith('{"startUrl": "')).toBe(true);
    expect(token.startUrl).toBe(START_URL);
    expect(token.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await stat(join(home.ssoCache, TOKEN_FILE))).mode & 0o777).toBe(0o600);
    // The registration sits beside it under the AWS CLI's key and survives for reuse.
    const files = await readdir(home.ssoCache);
    expect(files.filter((f) => f.endsWith(".json"))).toHaveLength(2);
    assertNoSecrets(first.stdout + first.stderr, [token.accessToken, token.refreshToken, token.clientSecret]);
    const afterFirst = { ...emu.stats() };
    expect(afterFirst.StartDeviceAuthorization).toBe(1);
    expect(afterFirst.RegisterClient).toBe(1);

    const again = await runCli(["login", "--sso-session", "my-sso", "--use-device-code"], home.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Reusing valid token for sso-session my-sso \(expires in \d+h \d+m\)/);
    expect(emu.stats().StartDeviceAuthorization).toBe(1);
    expect((await readToken(home)).accessToken).toBe(token.accessToken);

    const forced = await runCli(["login", "--profile", "dev", "--use-device-code", "--force"], home.env);
    expect(forced.code, forced.stderr).toBe(0);
    expect(emu.stats().StartDeviceAuthorization).toBe(2);
    // The cached device registration was reused, not registered again.
    expect(emu.stats().RegisterClient).toBe(1);
    expect((await readToken(home)).accessToken).not.toBe(token.accessToken);
  }, 60_000);

  it("single-flight: 4 concurrent logins make exactly one device authorization", async () => {
    home = await makeHome(emu.url);
    const runs = await Promise.all(Array.from({ length: 4 }, () => runCli(["login", "--sso-session", "my-sso", "--use-device-code"], home.env)));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const stats = emu.stats();
    expect(stats.StartDeviceAuthorization).toBe(1);
    expect(stats.CreateToken).toBe(1);
    expect(stats.RegisterClient).toBe(1);
    expect(runs.filter((r) => /Logged in to/.test(r.stdout))).toHaveLength(1);
    expect(runs.filter((r) => /Reusing valid token/.test(r.stdout))).toHaveLength(3);
  }, 90_000);
});

describe("sso logout, status, list", () => {
  it("status and list read the session; logout revokes and deletes tokens and SSO role credentials, keeps the registration", async () => {
    home = await makeHome(emu.url);
    expect((await runCli(["login", "--sso-session", "my-sso", "--use-device-code"], home.env)).code).toBe(0);
    const token = await readToken(home);

    const status = await runCli(["status", "--sso-session", "my-sso", "--json"], home.env);
    expect(status.code, status.stderr).toBe(0);
    const st = JSON.parse(status.stdout) as { sessions: Array<{ ssoSession: string; loggedIn: boolean; expired: boolean; refreshable: boolean }> };
    expect(st.sessions).toEqual([expect.objectContaining({ ssoSession: "my-sso", loggedIn: true, expired: false, refreshable: true })]);

    const list = await runCli(["list", "--json"], home.env);
    expect(list.code, list.stderr).toBe(0);
    const accounts = JSON.parse(list.stdout) as Array<{ accountId: string; accountName: string; roles: string[] }>;
    expect(accounts.map((a) => a.accountId).sort()).toEqual(["111111111111", "222222222222", "333333333333"]);
    for (const a of accounts) expect(a.roles.length).toBeGreaterThanOrEqual(2);
    const table = await runCli(["list"], home.env);
    expect(table.stdout).toMatch(/ACCOUNT ID\s+NAME\s+ROLES/);
    expect(table.stdout).toContain("Development");

    // Role credentials the AWS CLI would have cached for profile dev (key: aws-sso-facts §4.2), plus a foreign file.
    await mkdir(home.cliCache, { recursive: true });
    const credKey = sha1(JSON.stringify({ accountId: "111111111111", roleName: "AdministratorAccess", sessionName: "my-sso" }));
    await writeFile(join(home.cliCache, `${credKey}.json`), JSON.stringify({ ProviderType: "sso", Credentials: { AccessKeyId: "ASIAX", SecretAccessKey: "s", SessionToken: "t", Expiration: "2099-01-01T00:00:00Z" } }));
    await writeFile(join(home.cliCache, "assume.json"), JSON.stringify({ Credentials: { AccessKeyId: "ASIAY" } }));

    const out = await runCli(["logout", "--sso-session", "my-sso"], home.env);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Logged out of sso-session my-sso: removed 1 token and 1 cached credential file/);
    expect(emu.stats().Logout).toBe(1);
    const left = await readdir(home.ssoCache);
    expect(left).not.toContain(TOKEN_FILE);
    expect(left.filter((f) => f.endsWith(".json"))).toHaveLength(1); // the registration
    expect(await readdir(home.cliCache)).toEqual(["assume.json"]);
    assertNoSecrets(out.stdout + out.stderr, [token.accessToken as string]);

    const after = await runCli(["status", "--sso-session", "my-sso"], home.env);
    expect(after.stdout).toMatch(/sso-session my-sso: not logged in/);
  }, 90_000);
});

describe("bad input: one clear line, the fix, exit 1, no stack, no secret", () => {
  it("unknown profile", async () => {
    home = await makeHome(emu.url);
    expectCleanError(await runCli(["login", "--profile", "nope"], home.env));
  }, 30_000);

  it("non-SSO profile", async () => {
    home = await makeHome(emu.url);
    const r = await runCli(["login", "--profile", "static"], home.env);
    expectCleanError(r);
    expect(r.stderr).toContain("static");
    assertNoSecrets(r.stderr + r.stdout, ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]);
  }, 30_000);

  it("missing config", async () => {
    home = await makeHome(emu.url, null);
    expectCleanError(await runCli(["list"], home.env));
  }, 30_000);

  it("expired token without a refresh token", async () => {
    home = await makeHome(emu.url);
    await mkdir(home.ssoCache, { recursive: true });
    const secret = "aoaEXPIREDSECRETACCESSTOKENxxxxxxxxxxxxxxxx";
    await writeFile(join(home.ssoCache, TOKEN_FILE), JSON.stringify({ startUrl: START_URL, region: "us-east-1", accessToken: secret, expiresAt: "2020-01-01T00:00:00Z" }));
    const r = await runCli(["list", "--sso-session", "my-sso"], home.env);
    expectCleanError(r, /Run: sso login --sso-session my-sso/);
    assertNoSecrets(r.stderr + r.stdout, [secret]);
  }, 30_000);

  it("emulator down (connection refused)", async () => {
    const port = await closedPort();
    home = await makeHome(`http://127.0.0.1:${port}`);
    const r = await runCli(["login", "--sso-session", "my-sso", "--use-device-code"], home.env);
    expectCleanError(r);
    expect(r.stderr).toMatch(/connection refused/);
  }, 60_000);

  it("usage error exits 2", async () => {
    home = await makeHome(emu.url);
    const r = await runCli(["login", "--no-such-flag"], home.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sso: /);
  }, 30_000);
});

/** A port nothing listens on: bind, note it, close. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
