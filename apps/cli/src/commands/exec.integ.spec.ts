import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectUserError, loggedInHome, runCli, startEmulator, type CliHome, type Emulator } from "../test-support/credentialCommandsHome.js";

let emu: Emulator;
let home: CliHome;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true });
  home = await loggedInHome(emu);
}, 60_000);
afterAll(async () => {
  await home?.cleanup();
  await emu?.close();
});

async function waitFor(path: string): Promise<void> {
  for (let i = 0; i < 600 && !existsSync(path); i++) await sleep(50);
  if (!existsSync(path)) throw new Error(`timed out waiting for ${path}`);
}

describe("sso exec", () => {
  it("gives the command credentials that pass the emulator's STS signature check, and clears AWS_PROFILE", async () => {
    const script = `
      const { STSClient, GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
      const id = await new STSClient({}).send(new GetCallerIdentityCommand({}));
      console.log(JSON.stringify({ account: id.Account, arn: id.Arn, profile: process.env.AWS_PROFILE ?? null, marker: process.env.SSO_CREDS_PROFILE, region: process.env.AWS_REGION }));`;
    const r = await runCli(["exec", "--", process.execPath, "--input-type=module", "-e", script], { ...home.env, AWS_PROFILE: "dev" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ account: "111111111111", profile: null, marker: "dev", region: "eu-west-1" });
    expect(out.arn).toContain("AdministratorAccess");
    expect(emu.stats().GetCallerIdentity).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it("passes arguments verbatim, also without --", async () => {
    const r = await runCli(["exec", "--profile", "dev", process.execPath, "-e", "console.log(JSON.stringify(process.argv.slice(1)))", "dev", "--profile", "$(x)"], home.env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(["dev", "--profile", "$(x)"]);
  }, 30_000);

  it("exits with the command's exit code", async () => {
    const r = await runCli(["exec", "--profile", "dev", "--", process.execPath, "-e", "process.exit(3)"], home.env);
    expect(r.code).toBe(3);
  }, 30_000);

  it("passes SIGTERM on to the command, which cleans up and exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sso-exec-sig-"));
    const script = `
      const fs = require("node:fs");
      process.on("SIGTERM", () => { fs.writeFileSync(${JSON.stringify(join(dir, "got-sigterm"))}, process.env.AWS_ACCESS_KEY_ID ? "creds" : "none"); process.exit(0); });
      fs.writeFileSync(${JSON.stringify(join(dir, "ready"))}, "1");
      setInterval(() => {}, 1000);`;
    const running = runCli(["exec", "--profile", "dev", "--", process.execPath, "-e", script], home.env);
    await waitFor(join(dir, "ready"));
    running.kill(); // SIGTERM to `sso exec` itself, not to the child
    const r = await running;
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "got-sigterm"), "utf8")).toBe("creds");
  }, 60_000);

  it("refuses to nest inside another sso exec unless --allow-nested", async () => {
    const nested = await runCli(["exec", "--profile", "dev", "--", process.execPath, "-e", "console.log('ran')"], { ...home.env, SSO_CREDS_PROFILE: "dev" });
    expectUserError(nested);
    expect(nested.stderr).toContain("--allow-nested");
    const allowed = await runCli(["exec", "--profile", "dev", "--allow-nested", "--", process.execPath, "-e", "console.log('ran')"], { ...home.env, SSO_CREDS_PROFILE: "dev" });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toBe("ran\n");
  }, 30_000);

  it("says which command was not found", async () => {
    const r = await runCli(["exec", "--profile", "dev", "--", "no-such-command-sso-creds"], home.env);
    // 127, as a shell reports a command it cannot find; still the one-line error.
    expect(r.code).toBe(127);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("sso: command not found: no-such-command-sso-creds\n");
  }, 30_000);
});
