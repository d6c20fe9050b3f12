import { spawnSync } from "node:child_process";
import * as fs from "node:fs/promises";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planProfiles } from "./planProfiles.js";
import { writeProfiles } from "./writeProfiles.js";

const deps = { fs, homedir: () => tmpdir() };

const original = [
  "# my AWS config; keep this comment",
  "[default]",
  "region = us-east-1   ; inline comment kept",
  "",
  "; a semicolon comment",
  "[profile handwritten]",
  "sso_session = my-sso",
  "sso_account_id = 111111111111",
  "sso_role_name = AdministratorAccess",
  "s3 =",
  "  max_concurrent_requests = 20",
  "",
  "",
  "[profile Development.AdministratorAccess]",
  "region = us-west-2",
  "# comment about the next section",
  "",
  "[sso-session my-sso]",
  "sso_start_url = https://d-0123456789.awsapps.com/start",
  "sso_region = us-east-1",
  "",
  "[services local]",
  "sso =",
  "  endpoint_url = http://127.0.0.1:1",
  "",
].join("\n");

const roles = [
  { accountId: "111111111111", accountName: "Development", roleName: "AdministratorAccess" },
  { accountId: "111111111111", accountName: "Development", roleName: "ReadOnlyAccess" },
  { accountId: "222222222222", accountName: "Staging", roleName: "Developer" },
];

function tempConfig(text: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), "sso-populate-"));
  const file = join(dir, "config");
  if (text !== undefined) writeFileSync(file, text);
  return file;
}

describe("writeProfiles", () => {
  it("keeps every existing byte, appends new sections and reports the hand-written one as a conflict", async () => {
    const file = tempConfig(original);
    const summary = await writeProfiles(deps, file, planProfiles(roles, { ssoSession: "my-sso" }));
    expect(summary).toEqual({
      added: ["Development.ReadOnlyAccess", "Staging.Developer"],
      updated: [],
      unchanged: [],
      conflicts: [{ profileName: "Development.AdministratorAccess", reason: "written by hand (no sso_creds_managed = true), left unchanged" }],
      stale: [],
      removed: [],
      written: true,
    });
    const after = readFileSync(file, "utf8");
    expect(after.startsWith(original)).toBe(true);
    expect(after.slice(original.length)).toBe(
      [
        "",
        "[profile Development.ReadOnlyAccess]",
        "sso_session = my-sso",
        "sso_account_id = 111111111111",
        "sso_role_name = ReadOnlyAccess",
        "sso_account_name = Development",
        "sso_creds_managed = true",
        "",
        "[profile Staging.Developer]",
        "sso_session = my-sso",
        "sso_account_id = 222222222222",
        "sso_role_name = Developer",
        "sso_account_name = Staging",
        "sso_creds_managed = true",
        "",
      ].join("\n"),
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("is idempotent: a second run changes nothing and does not touch the file", async () => {
    const file = tempConfig(original);
    const plan = planProfiles(roles, { ssoSession: "my-sso" });
    await writeProfiles(deps, file, plan);
    const first = readFileSync(file, "utf8");
    const mtime = statSync(file).mtimeMs;
    const second = await writeProfiles(deps, file, plan);
    expect(second.added).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(second.unchanged).toEqual(["Development.ReadOnlyAccess", "Staging.Developer"]);
    expect(second.written).toBe(false);
    expect(readFileSync(file, "utf8")).toBe(first);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it("updates only its own sections in place and reports removed roles as stale", async () => {
    const file = tempConfig(original);
    await writeProfiles(deps, file, planProfiles(roles, { ssoSession: "my-sso" }));
    const userEdit = readFileSync(file, "utf8") + "# user's trailing note\n[profile later]\nregion = ap-south-1\n";
    writeFileSync(file, userEdit);
    const summary = await writeProfiles(deps, file, planProfiles([roles[1]!], { ssoSession: "my-sso", region: "eu-central-1" }));
    expect(summary.updated).toEqual(["Development.ReadOnlyAccess"]);
    expect(summary.stale).toEqual(["Staging.Developer"]);
    const after = readFileSync(file, "utf8");
    expect(after).toBe(userEdit.replace("sso_role_name = ReadOnlyAccess\n", "sso_role_name = ReadOnlyAccess\nregion = eu-central-1\n"));
  });

  it("prune removes only its own marked sections of this sso-session for roles the user no longer has", async () => {
    const otherSession = "\n[profile other.Admin]\nsso_session = other-sso\nsso_account_id = 333333333333\nsso_role_name = Admin\nsso_creds_managed = true\n";
    const file = tempConfig(original + otherSession);
    await writeProfiles(deps, file, planProfiles(roles, { ssoSession: "my-sso" }));
    const full = readFileSync(file, "utf8");
    const staging = "[profile Staging.Developer]\nsso_session = my-sso\nsso_account_id = 222222222222\nsso_role_name = Developer\nsso_account_name = Staging\nsso_creds_managed = true\n";
    expect(full).toContain(staging);

    // A dry run says what it would remove and writes nothing.
    const dry = await writeProfiles(deps, file, planProfiles([roles[1]!], { ssoSession: "my-sso" }), { prune: true, session: "my-sso", dryRun: true });
    expect(dry).toMatchObject({ removed: ["Staging.Developer"], stale: [], written: false });
    expect(readFileSync(file, "utf8")).toBe(full);

    // Out of the filter's scope: neither stale nor removed.
    const scoped = await writeProfiles(deps, file, planProfiles([roles[1]!], { ssoSession: "my-sso" }), {
      prune: true,
      session: "my-sso",
      inScope: (s) => s.accountName === "Development",
    });
    expect(scoped).toMatchObject({ removed: [], stale: [], written: false });

    const pruned = await writeProfiles(deps, file, planProfiles([roles[1]!], { ssoSession: "my-sso" }), { prune: true, session: "my-sso" });
    expect(pruned.removed).toEqual(["Staging.Developer"]);
    const after = readFileSync(file, "utf8");
    // Exactly the section (the last one: with the blank line before it) is gone; the hand-written twin and the other session's profile stay.
    expect(after).toBe(full.replace("\n" + staging, ""));
    expect(after).not.toContain("Staging.Developer");
    expect(after).toContain("[profile Development.AdministratorAccess]\nregion = us-west-2");
    expect(after).toContain("[profile other.Admin]");
    expect(after).toContain("[profile handwritten]");
  });

  it("prune keeps a section whose role the user still has under another name (reported stale), and an empty plan prunes the whole session", async () => {
    const file = tempConfig("");
    await writeProfiles(deps, file, planProfiles(roles, { ssoSession: "my-sso" }));
    const renamed = await writeProfiles(deps, file, planProfiles(roles, { ssoSession: "my-sso", prefix: "acme." }), { prune: true, session: "my-sso" });
    expect(renamed.removed).toEqual([]);
    expect(renamed.stale.sort()).toEqual(["Development.AdministratorAccess", "Development.ReadOnlyAccess", "Staging.Developer"]);
    const none = await writeProfiles(deps, file, [], { prune: true, session: "my-sso" });
    expect(none.removed).toHaveLength(6);
    expect(readFileSync(file, "utf8").trim()).toBe("");
  });

  it("creates a missing file 0600 in a 0700 directory, and a dry run writes nothing", async () => {
    const file = join(tempConfig(undefined), "nested", "config");
    const dry = await writeProfiles(deps, file, planProfiles(roles, { ssoSession: "my-sso" }), { dryRun: true });
    expect(dry.added).toHaveLength(3);
    expect(dry.written).toBe(false);
    await expect(fs.stat(file)).rejects.toThrow(/ENOENT/);
    await writeProfiles(deps, file, planProfiles(roles, { ssoSession: "my-sso" }));
    expect(readFileSync(file, "utf8").startsWith("[profile Development.AdministratorAccess]\n")).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, "..")).mode & 0o777).toBe(0o700);
  });

  it("keeps CRLF line endings and a file without a final newline", async () => {
    const crlf = "[default]\r\nregion = us-east-1";
    const file = tempConfig(crlf);
    await writeProfiles(deps, file, planProfiles([roles[0]!], { ssoSession: "my-sso" }));
    const after = readFileSync(file, "utf8");
    expect(after.startsWith(crlf + "\r\n\r\n[profile Development.AdministratorAccess]\r\n")).toBe(true);
    expect(after.replace(/\r\n/g, "")).not.toContain("\n");
    const again = await writeProfiles(deps, file, planProfiles([roles[0]!], { ssoSession: "my-sso" }));
    expect(again.written).toBe(false);
  });

  it("botocore reads the result and resolves a written profile as an SSO profile", async () => {
    const file = tempConfig(original);
    await writeProfiles(deps, file, planProfiles(roles, { ssoSession: "my-sso", region: "eu-west-1" }));
    const py = [
      "import json, botocore.session",
      "s = botocore.session.Session(profile='Staging.Developer')",
      "cfg = s.get_scoped_config()",
      "from botocore.credentials import SSOProvider",
      "p = SSOProvider(load_config=lambda: s.full_config, client_creator=s.create_client, profile_name='Staging.Developer', cache={}, token_cache={}, token_provider=None)",
      "print(json.dumps({'cfg': cfg, 'sso': p._load_sso_config() is not None, 'resolved': p._load_sso_config(), 'profiles': sorted(s.available_profiles)}))",
    ].join("\n");
    const r = spawnSync("python3", ["-c", py], { env: { ...process.env, AWS_CONFIG_FILE: file, AWS_SHARED_CREDENTIALS_FILE: file + ".none", AWS_PROFILE: "" }, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.sso).toBe(true);
    expect(out.resolved).toMatchObject({ sso_account_id: "222222222222", sso_role_name: "Developer", sso_start_url: "https://d-0123456789.awsapps.com/start", sso_region: "us-east-1", sso_session: "my-sso" });
    expect(out.cfg.region).toBe("eu-west-1");
    expect(out.profiles).toEqual(["Development.AdministratorAccess", "Development.ReadOnlyAccess", "Staging.Developer", "default", "handwritten"]);
  });
});
