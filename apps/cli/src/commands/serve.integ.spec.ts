import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { RUN_JS } from "../test-support/cliHarness.js";
import { BASE_CONFIG, loggedInHome, runCli, startEmulator, type CliHome, type Emulator } from "../test-support/credentialCommandsHome.js";

const CONFIG = `${BASE_CONFIG}
[profile staging-ro]
role_arn = arn:aws:iam::222222222222:role/ReadOnlyAccess
source_profile = dev
role_session_name = alice
`;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(options: Record<string, unknown> = {}): Promise<{ emu: Emulator; home: CliHome }> {
  const emu = await startEmulator({ port: 0, autoApprove: true, ...options });
  const home = await loggedInHome(emu, CONFIG);
  cleanups.push(async () => {
    await home.cleanup();
    await emu.close();
  });
  return { emu, home };
}

/** `sso serve` running in the background; resolves once it printed the variables. */
async function serve(args: string[], env: Record<string, string>): Promise<{ vars: Record<string, string>; child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, [RUN_JS, "serve", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  cleanups.push(async () => {
    child.kill("SIGTERM");
    await exited;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      if (stdout.includes("AWS_CONTAINER_AUTHORIZATION_TOKEN=")) resolve();
    });
    void exited.then((code) => reject(new Error(`sso serve exited ${code}: ${stderr}`)));
  });
  await new Promise((r) => setTimeout(r, 50));
  const vars = Object.fromEntries([...stdout.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!.replace(/^'|'$/g, "")]));
  return { vars, child, stderr: () => stderr };
}

/** A fresh Node process whose AWS SDK finds credentials only through the printed variables: STS GetCallerIdentity. */
async function sdkCaller(vars: Record<string, string>, emu: Emulator): Promise<{ arn: string; accessKeyId: string }> {
  const sts = import.meta.resolve("@aws-sdk/client-sts");
  const script = `const { STSClient, GetCallerIdentityCommand } = await import(${JSON.stringify(sts)});
    const c = new STSClient({ region: "us-east-1" }); const id = await c.send(new GetCallerIdentityCommand({}));
    process.stdout.write(JSON.stringify({ arn: id.Arn, accessKeyId: (await c.config.credentials()).accessKeyId }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent", AWS_ENDPOINT_URL_STS: emu.url, AWS_EC2_METADATA_DISABLED: "true", ...vars },
  });
  return JSON.parse(stdout) as { arn: string; accessKeyId: string };
}

describe("sso serve", { timeout: 90_000 }, () => {
  it("a JS SDK client gets the profile's credentials through the printed variables; no token → 401, wrong token → 403", async () => {
    const { emu, home } = await setup();
    const { vars } = await serve(["--profile", "staging-ro"], home.env);
    expect(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(vars.AWS_CONTAINER_AUTHORIZATION_TOKEN).toMatch(/^\S{20,}$/);
    const id = await sdkCaller(vars, emu);
    expect(id.arn).toBe("arn:aws:sts::222222222222:assumed-role/ReadOnlyAccess/alice");

    const url = vars.AWS_CONTAINER_CREDENTIALS_FULL_URI!;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(await none.text()).not.toContain(id.accessKeyId);
    expect((await fetch(url, { headers: { Authorization: "guess" } })).status).toBe(403);
    const ok = await fetch(url, { headers: { Authorization: vars.AWS_CONTAINER_AUTHORIZATION_TOKEN! } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ AccessKeyId: id.accessKeyId, AccountId: "222222222222" });
  });

  it("starts from the shared cache (no GetRoleCredentials after `sso env`)", async () => {
    const { emu, home } = await setup();
    expect((await runCli(["env", "--profile", "dev"], home.env)).code).toBe(0);
    const calls = emu.stats().GetRoleCredentials;
    const { vars } = await serve(["--profile", "dev"], home.env);
    expect(vars.AWS_REGION).toBe("eu-west-1");
    const id = await sdkCaller(vars, emu);
    expect(id.arn).toMatch(/^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_AdministratorAccess_/);
    expect(emu.stats().GetRoleCredentials).toBe(calls);
  });

  it("serves fresh credentials after the old ones expired (short-lived role credentials)", async () => {
    const { emu, home } = await setup({ roleCredentialTtlSeconds: 4 });
    const { vars } = await serve(["--profile", "dev"], home.env);
    const first = await sdkCaller(vars, emu);
    await new Promise((r) => setTimeout(r, 4_500));
    const second = await sdkCaller(vars, emu);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(second.arn).toMatch(/^arn:aws:sts::111111111111:/);
    expect(emu.stats().GetRoleCredentials).toBeGreaterThanOrEqual(2);
  });

  it("stops cleanly on SIGTERM; a second server on the same port is one user error", async () => {
    const { home } = await setup();
    const { child, vars } = await serve(["--profile", "dev"], home.env);
    const port = new URL(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI!).port;
    const busy = await runCli(["serve", "--profile", "dev", "--port", port], home.env);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toBe(`sso: Port ${port} on 127.0.0.1 is already in use. Run: sso serve --profile dev --port 0\n`);
    const code = new Promise((resolve) => child.on("close", (c, s) => resolve(c ?? s)));
    child.kill("SIGTERM");
    expect(await code).toBe(0);
  });
});
