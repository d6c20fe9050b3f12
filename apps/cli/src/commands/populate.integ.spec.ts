import { spawn, spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BASE_CONFIG, loggedInHome, runCli, START_URL, startEmulator, writeToken, type Emulator } from "../test-support/credentialCommandsHome.js";

const emulators: Emulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

const ROLES = ["AdministratorAccess", "ReadOnlyAccess"];

function botocoreProfiles(configFile: string, profile: string): Promise<{ count: number; resolved: Record<string, string> }> {
  const py = [
    "import json, botocore.session",
    "from botocore.credentials import SSOProvider",
    `s = botocore.session.Session(profile=${JSON.stringify(profile)})`,
    `p = SSOProvider(load_config=lambda: s.full_config, client_creator=s.create_client, profile_name=${JSON.stringify(profile)}, cache={}, token_cache={})`,
    "print(json.dumps({'count': len(s.available_profiles), 'resolved': p._load_sso_config()}))",
  ].join("\n");
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-c", py], { env: { PATH: process.env.PATH ?? "", AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: configFile + ".none" } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(err))));
  });
}

describe("sso populate", () => {
  it("writes a profile per role for 150 throttled accounts (time-compressed: the client finds a limit below its ceiling), and a second run changes nothing", async () => {
    const accounts = Array.from({ length: 150 }, (_, i) => ({
      accountId: String(100000000000 + i),
      accountName: `Account ${String(i).padStart(3, "0")}`,
      emailAddress: `a${i}@example.com`,
      roles: ROLES,
    }));
    const emu = await startEmulator({ port: 0, autoApprove: true, throttleRps: 50, fixtures: { startUrl: START_URL, region: "us-east-1", accounts } });
    emulators.push(emu);
    const home = await loggedInHome(emu);
    const env = { ...home.env, SSO_CREDS_PORTAL_MAX_RPS: "100" };
    const configFile = join(home.home, ".aws", "config");

    const first = await runCli(["populate", "--sso-session", "my-sso", "--region", "eu-west-1"], env);
    expect(first.code, first.stderr).toBe(0);
    // Off a terminal: a few plain lines, not one per account.
    expect(first.stderr).toContain("fetched roles for 150/150 accounts");
    expect(first.stderr.split("\n").filter((l) => l.startsWith("fetched roles")).length).toBeLessThanOrEqual(12);
    expect(first.stdout).toContain("added 300");
    const after = readFileSync(configFile, "utf8");
    expect(after.startsWith(BASE_CONFIG)).toBe(true);
    expect(after.match(/^\[profile Account-\d{3}\.(AdministratorAccess|ReadOnlyAccess)\]$/gm)).toHaveLength(300);
    const throttled = (emu as unknown as { interference(): { throttled: Record<string, number> } }).interference().throttled.ListAccountRoles ?? 0;
    expect(emu.stats().ListAccountRoles).toBe(150 + throttled);
    expect(throttled).toBeLessThan(40);

    const second = await runCli(["populate", "--sso-session", "my-sso", "--region", "eu-west-1", "--quiet"], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toBe("");
    expect(second.stdout).toContain("added 0, updated 0, unchanged 300");
    expect(readFileSync(configFile, "utf8")).toBe(after);

    const botocore = await botocoreProfiles(configFile, "Account-042.ReadOnlyAccess");
    expect(botocore.count).toBe(302);
    expect(botocore.resolved).toMatchObject({ sso_account_id: "100000000042", sso_role_name: "ReadOnlyAccess", sso_start_url: START_URL, sso_region: "us-east-1" });
  }, 120_000);

  it("~/.aws/config linked into a dotfiles repository (stow, chezmoi): the profiles go to the dotfiles file, the link stays", async () => {
    const accounts = [{ accountId: "700000000001", accountName: "linked", emailAddress: "l@example.com", roles: ROLES }];
    const emu = await startEmulator({ port: 0, autoApprove: true, fixtures: { startUrl: START_URL, region: "us-east-1", accounts } });
    emulators.push(emu);
    const home = await loggedInHome(emu);
    const configFile = join(home.home, ".aws", "config");
    const dotfile = join(home.home, "dotfiles", "aws", ".aws", "config");
    mkdirSync(join(home.home, "dotfiles", "aws", ".aws"), { recursive: true });
    renameSync(configFile, dotfile);
    symlinkSync("../dotfiles/aws/.aws/config", configFile);

    const r = await runCli(["populate", "--sso-session", "my-sso"], home.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("added 2,");
    expect(lstatSync(configFile).isSymbolicLink()).toBe(true);
    expect(readlinkSync(configFile)).toBe("../dotfiles/aws/.aws/config");
    const text = readFileSync(dotfile, "utf8");
    expect(text.startsWith(BASE_CONFIG)).toBe(true);
    expect(text).toContain("[profile linked.ReadOnlyAccess]");
    expect(lstatSync(dotfile).mode & 0o777).toBe(0o600);
    // botocore reads the file through the link, as every AWS tool does.
    const botocore = await botocoreProfiles(configFile, "linked.ReadOnlyAccess");
    expect(botocore.count).toBe(4);
    expect(botocore.resolved).toMatchObject({ sso_account_id: "700000000001", sso_role_name: "ReadOnlyAccess", sso_start_url: START_URL });
  }, 60_000);

  // chattr +i stops even root (these tests run as root, for whom file modes stop nothing), as /nix/store's read-only mount does.
  const canMakeImmutable = (() => {
    const dir = mkdtempSync(join(tmpdir(), "sso-imm-"));
    const ok = spawnSync("chattr", ["+i", dir]).status === 0;
    spawnSync("chattr", ["-i", dir]);
    rmSync(dir, { recursive: true, force: true });
    return ok;
  })();
  it.skipIf(!canMakeImmutable)("~/.aws/config linked to a file that cannot be written: one line before any listing, the file untouched", async () => {
    const emu = await startEmulator({ port: 0, autoApprove: true, fixtures: { startUrl: START_URL, region: "us-east-1", accounts: [{ accountId: "700000000002", accountName: "ro", emailAddress: "r@example.com", roles: ROLES }] } });
    emulators.push(emu);
    const home = await loggedInHome(emu);
    const configFile = join(home.home, ".aws", "config");
    const store = join(home.home, "store");
    mkdirSync(store);
    renameSync(configFile, join(store, "config"));
    symlinkSync(join(store, "config"), configFile);
    const before = readFileSync(join(store, "config"), "utf8");
    const calls = () => (emu.stats().ListAccounts ?? 0) + (emu.stats().ListAccountRoles ?? 0);
    const listed = calls();
    expect(spawnSync("chattr", ["+i", store]).status).toBe(0);
    try {
      const r = await runCli(["populate", "--sso-session", "my-sso"], home.env);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`sso: ~/.aws/config is a link to ~/store/config, which cannot be written (EPERM). Fix: edit the file it is made from, or set AWS_CONFIG_FILE to a writable file\n`);
      expect(calls()).toBe(listed); // refused before the accounts were listed
      // Bootstrapping (which would log in, then write the sso-session): refused before the login.
      const logins = emu.stats().RegisterClient ?? 0;
      const boot = await runCli(["populate", "--sso-start-url", "https://other.awsapps.com/start", "--sso-region", "us-east-1", "--use-device-code", "--no-browser"], home.env);
      expect(boot.code).toBe(1);
      expect(boot.stderr).toBe(r.stderr);
      expect(emu.stats().RegisterClient ?? 0).toBe(logins);
      // --dry-run writes nothing, so it still lists.
      const dry = await runCli(["populate", "--sso-session", "my-sso", "--dry-run"], home.env);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain("would add 2,");
    } finally {
      spawnSync("chattr", ["-i", store]);
    }
    expect(readFileSync(join(store, "config"), "utf8")).toBe(before);
  }, 60_000);

  it("a listing that fails midway writes nothing and says how far it got and how to fix it", async () => {
    const accounts = Array.from({ length: 20 }, (_, i) => ({ accountId: String(500000000000 + i), accountName: `a${String(i).padStart(2, "0")}`, emailAddress: "x@example.com", roles: ROLES }));
    const emu = await startEmulator({ port: 0, autoApprove: true, fixtures: { startUrl: START_URL, region: "us-east-1", accounts } });
    emulators.push(emu);
    const home = await loggedInHome(emu);
    const configFile = join(home.home, ".aws", "config");
    (emu as unknown as { failNext(op: string, n: number, f: object, o: object): void }).failNext(
      "ListAccountRoles",
      1,
      { status: 401, type: "UnauthorizedException", message: "Session token not found or invalid" },
      { after: 12 },
    );
    const r = await runCli(["populate", "--sso-session", "my-sso"], { ...home.env, SSO_CREDS_PORTAL_MAX_RPS: "200" });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines.at(-1)).toMatch(
      /^sso: SSO ListAccountRoles rejected the request \(UnauthorizedException: Session token not found or invalid\) \(stopped after the roles of \d+ of 20 accounts; ~\/\.aws\/config was not changed\)\. Run: sso login --sso-session my-sso$/,
    );
    expect(r.stdout).toBe("");
    expect(readFileSync(configFile, "utf8")).toBe(BASE_CONFIG);
  }, 60_000);

  it("--filter keeps matching accounts and roles (account patterns save their ListAccountRoles calls); list --filter shows the same", async () => {
    const accounts = [
      { accountId: "600000000001", accountName: "prod-payments", emailAddress: "p@example.com", roles: ["AdministratorAccess", "ReadOnlyAccess"] },
      { accountId: "600000000002", accountName: "prod-search", emailAddress: "s@example.com", roles: ["ReadOnlyAccess", "Developer"] },
      { accountId: "600000000003", accountName: "staging", emailAddress: "t@example.com", roles: ["AdministratorAccess", "ReadOnlyAccess"] },
      { accountId: "600000000004", accountName: "sandbox", emailAddress: "u@example.com", roles: ["Developer"] },
    ];
    const emu = await startEmulator({ port: 0, autoApprove: true, fixtures: { startUrl: START_URL, region: "us-east-1", accounts } });
    emulators.push(emu);
    const home = await loggedInHome(emu);
    const configFile = join(home.home, ".aws", "config");
    const r = await runCli(["populate", "--sso-session", "my-sso", "--filter", "account=prod-*", "--filter", "role=/read/i"], home.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("added 2,");
    expect(r.stdout).toContain("(2 roles in 2 accounts)");
    expect(emu.stats().ListAccountRoles).toBe(2);
    const profiles = readFileSync(configFile, "utf8").match(/^\[profile [^\]]+\]$/gm);
    expect(profiles).toEqual(["[profile dev]", "[profile noregion]", "[profile prod-payments.ReadOnlyAccess]", "[profile prod-search.ReadOnlyAccess]"]);

    const list = await runCli(["list", "--sso-session", "my-sso", "--filter", "600000000004", "--filter", "Admin*", "--json"], home.env);
    expect(list.code, list.stderr).toBe(0);
    const listed = JSON.parse(list.stdout) as Array<{ accountName: string; roles: string[] }>;
    expect(listed.map((a) => [a.accountName, a.roles])).toEqual([
      ["prod-payments", ["AdministratorAccess"]],
      ["sandbox", ["Developer"]],
      ["staging", ["AdministratorAccess"]],
    ]);

    const bad = await runCli(["list", "--filter", "/(oops/"], home.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain('--filter "/(oops/" is not a valid regular expression');
    expect(bad.stderr).toMatch(/ Run: sso list --filter '\/\^prod-\/i'\n$/); // the command the user ran, not sso populate
  }, 60_000);

  it("--prune removes only its own profiles for roles you no longer have (--dry-run lists them), within --filter's scope", async () => {
    const all = [
      { accountId: "700000000001", accountName: "alpha", emailAddress: "a@example.com", roles: ["AdministratorAccess", "ReadOnlyAccess"] },
      { accountId: "700000000002", accountName: "beta", emailAddress: "b@example.com", roles: ["ReadOnlyAccess"] },
    ];
    const before = await startEmulator({ port: 0, autoApprove: true, fixtures: { startUrl: START_URL, region: "us-east-1", accounts: all } });
    emulators.push(before);
    const handwritten = BASE_CONFIG + "\n[profile mine]\nsso_session = my-sso\nsso_account_id = 700000000002\nsso_role_name = ReadOnlyAccess\n";
    const home = await loggedInHome(before, handwritten);
    const configFile = join(home.home, ".aws", "config");
    expect((await runCli(["populate", "--sso-session", "my-sso"], home.env)).code).toBe(0);
    const populated = readFileSync(configFile, "utf8");
    expect(populated).toContain("[profile beta.ReadOnlyAccess]");

    // The user lost beta and alpha's admin role.
    const after = await startEmulator({
      port: 0,
      autoApprove: true,
      fixtures: { startUrl: START_URL, region: "us-east-1", accounts: [{ ...all[0]!, roles: ["ReadOnlyAccess"] }] },
    });
    emulators.push(after);
    const env = { ...home.env, AWS_ENDPOINT_URL_SSO: after.url, AWS_ENDPOINT_URL_SSO_OIDC: after.url };
    await writeToken(home, after.mintToken({ startUrl: START_URL, region: "us-east-1" }));

    const plain = await runCli(["populate", "--sso-session", "my-sso"], env);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain("stale: [profile beta.ReadOnlyAccess]");
    expect(readFileSync(configFile, "utf8")).toBe(populated);

    const scoped = await runCli(["populate", "--sso-session", "my-sso", "--prune", "--filter", "account=beta"], env);
    expect(scoped.code, scoped.stderr).toBe(0);
    expect(scoped.stdout).toContain("removed 1,");
    let text = readFileSync(configFile, "utf8");
    expect(text).not.toContain("[profile beta.ReadOnlyAccess]");
    expect(text).toContain("[profile alpha.AdministratorAccess]");

    const dry = await runCli(["populate", "--sso-session", "my-sso", "--prune", "--dry-run"], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("would remove 1,");
    expect(dry.stdout).toContain("  - alpha.AdministratorAccess\n");
    expect(readFileSync(configFile, "utf8")).toBe(text);

    const pruned = await runCli(["populate", "--sso-session", "my-sso", "--prune"], env);
    expect(pruned.code, pruned.stderr).toBe(0);
    text = readFileSync(configFile, "utf8");
    expect(text.match(/^\[profile [^\]]+\]$/gm)).toEqual(["[profile dev]", "[profile noregion]", "[profile mine]", "[profile alpha.ReadOnlyAccess]"]);
    expect(text.startsWith(handwritten)).toBe(true);
  }, 90_000);

  it("dry run lists what it would add and writes nothing; hand-written profiles are conflicts", async () => {
    const emu = await startEmulator({ port: 0, autoApprove: true });
    emulators.push(emu);
    const handwritten = BASE_CONFIG + "\n[profile Development.AdministratorAccess]\nregion = us-west-2\n";
    const home = await loggedInHome(emu, handwritten);
    const dry = await runCli(["populate", "--dry-run"], home.env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/would add \d+/);
    expect(dry.stderr).toContain("conflict: [profile Development.AdministratorAccess]");
    expect(readFileSync(join(home.home, ".aws", "config"), "utf8")).toBe(handwritten);
  }, 60_000);
});
