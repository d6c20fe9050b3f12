import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedInHome, runCli, startEmulator, type CliHome, type Emulator } from "../test-support/credentialCommandsHome.js";

// Role credentials that live 4 seconds: a child that runs 6 seconds outlives the first set.
const TTL_S = 4;
let emu: Emulator;
let home: CliHome;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true, roleCredentialTtlSeconds: TTL_S });
  home = await loggedInHome(emu);
});
afterAll(async () => {
  await home.cleanup();
  await emu.close();
});

/** A long-running child: STS GetCallerIdentity with the JS SDK's default chain, again after the first credentials expired. */
const sts = import.meta.resolve("@aws-sdk/client-sts");
const LONG_JOB = `const { STSClient, GetCallerIdentityCommand } = await import(${JSON.stringify(sts)});
const c = new STSClient({ region: "us-east-1" });
const call = async () => { try { await c.send(new GetCallerIdentityCommand({})); return { ok: true, key: (await c.config.credentials()).accessKeyId }; } catch (e) { return { ok: false, error: e.name }; } };
const first = await call();
await new Promise((r) => setTimeout(r, ${(TTL_S + 2) * 1000}));
const second = await call();
process.stdout.write(JSON.stringify({ first, second, endpoint: process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? null, staticKey: process.env.AWS_ACCESS_KEY_ID ?? null }));
process.exitCode = second.ok ? 0 : 3;`;

interface JobResult {
  first: { ok: boolean; key?: string; error?: string };
  second: { ok: boolean; key?: string; error?: string };
  endpoint: string | null;
  staticKey: string | null;
}

describe("sso exec --server: a child that outlives its role credentials", { timeout: 90_000 }, () => {
  it("keeps working through the endpoint, which ends with the child, while a static sso exec child fails", async () => {
    const [served, plain] = await Promise.all([
      runCli(["exec", "--profile", "dev", "--server", "--", process.execPath, "--input-type=module", "-e", LONG_JOB], home.env),
      runCli(["exec", "--profile", "dev", "--", process.execPath, "--input-type=module", "-e", LONG_JOB], home.env),
    ]);

    const s = JSON.parse(served.stdout) as JobResult;
    expect(served.code, served.stderr).toBe(0);
    expect(s.staticKey).toBeNull();
    expect(s.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
    expect(s.first.ok && s.second.ok).toBe(true);
    expect(s.second.key).not.toBe(s.first.key);
    // The endpoint is gone once the child ended.
    await expect(fetch(s.endpoint!)).rejects.toThrow();

    // The child's own exit status comes back (3: its second call failed).
    const p = JSON.parse(plain.stdout) as JobResult;
    expect(plain.code).toBe(3);
    expect(p.endpoint).toBeNull();
    expect(p.staticKey).toMatch(/^ASIA/);
    expect(p.first.ok).toBe(true);
    expect(p.second).toEqual({ ok: false, error: "ExpiredToken" });
  });

  it("gives the child the region, the nested-exec marker, and no leftover profile or endpoint settings", async () => {
    const PRINT = `const e = process.env; process.stdout.write(JSON.stringify([e.AWS_REGION, e.AWS_DEFAULT_REGION, e.SSO_CREDS_PROFILE, e.AWS_PROFILE ?? null, e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ?? null, typeof e.AWS_CONTAINER_AUTHORIZATION_TOKEN]))`;
    const r = await runCli(["exec", "--profile", "dev", "--server", "-r", "ap-south-1", "--", process.execPath, "-e", PRINT], {
      ...home.env,
      AWS_PROFILE: "dev",
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/x",
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(["ap-south-1", "ap-south-1", "dev", null, null, "string"]);
  });

  it("a -h or --help in the command to run is the command's, with or without --; before it, it is exec's help", async () => {
    for (const args of [["sh", "-c", 'echo "args: $*"', "x", "-h"], ["--", "sh", "-c", 'echo "args: $*"', "x", "--help"]]) {
      const r = await runCli(["exec", "--profile", "dev", ...args], home.env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`args: ${args.at(-1)}\n`);
    }
    const help = await runCli(["exec", "--profile", "dev", "-h", "sh"], home.env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^USAGE$/m);
  });

  it("fails before the command starts when there are no credentials, in one line", async () => {
    const r = await runCli(["exec", "--profile", "dev", "--server", "--", process.execPath, "-e", "console.log('ran')"], { ...home.env, HOME: "/nonexistent" });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^sso: [^\n]+\n$/);
  });
});
