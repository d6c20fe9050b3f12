import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BASE_CONFIG, loggedInHome, runCli, START_URL, startEmulator, type Emulator } from "../test-support/credentialCommandsHome.js";

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
  it("writes a profile per role for 500 throttled accounts, reports progress, and a second run changes nothing", async () => {
    const accounts = Array.from({ length: 500 }, (_, i) => ({
      accountId: String(100000000000 + i),
      accountName: `Account ${String(i).padStart(3, "0")}`,
      emailAddress: `a${i}@example.com`,
      roles: ROLES,
    }));
    const emu = await startEmulator({ port: 0, autoApprove: true, throttleRps: 50, fixtures: { startUrl: START_URL, region: "us-east-1", accounts } });
    emulators.push(emu);
    const home = await loggedInHome(emu);
    const configFile = join(home.home, ".aws", "config");

    const first = await runCli(["populate", "--sso-session", "my-sso", "--region", "eu-west-1"], home.env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("fetched roles for 500/500 accounts");
    expect(first.stdout).toContain("added 1000");
    const after = readFileSync(configFile, "utf8");
    expect(after.startsWith(BASE_CONFIG)).toBe(true);
    expect(after.match(/^\[profile Account-\d{3}\.(AdministratorAccess|ReadOnlyAccess)\]$/gm)).toHaveLength(1000);
    expect(emu.stats().ListAccountRoles).toBeGreaterThanOrEqual(500);

    const second = await runCli(["populate", "--sso-session", "my-sso", "--region", "eu-west-1"], home.env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("added 0, updated 0, unchanged 1000");
    expect(readFileSync(configFile, "utf8")).toBe(after);

    const botocore = await botocoreProfiles(configFile, "Account-042.ReadOnlyAccess");
    expect(botocore.count).toBe(1002);
    expect(botocore.resolved).toMatchObject({ sso_account_id: "100000000042", sso_role_name: "ReadOnlyAccess", sso_start_url: START_URL, sso_region: "us-east-1" });
  }, 300_000);

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
