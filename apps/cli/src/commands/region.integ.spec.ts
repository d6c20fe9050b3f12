import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_JS } from "../test-support/cliHarness.js";
import { expectUserError, loggedInHome, runCli, startEmulator, type CliHome, type Emulator } from "../test-support/credentialCommandsHome.js";

let emu: Emulator;
let home: CliHome;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true });
  home = await loggedInHome(emu);
});
afterAll(async () => {
  await home.cleanup();
  await emu.close();
});

const PRINT = `process.stdout.write(JSON.stringify([process.env.AWS_REGION ?? null, process.env.AWS_DEFAULT_REGION ?? null]))`;

/** What the three commands hand out for one set of inputs: [AWS_REGION, AWS_DEFAULT_REGION] each. */
async function handedOut(profile: string, env: Record<string, string>, flag: string[]): Promise<{ exec: unknown; env: unknown; serve: unknown }> {
  const e = { ...home.env, ...env };
  const exec = await runCli(["exec", "--profile", profile, ...flag, "--", process.execPath, "-e", PRINT], e);
  expect(exec.code, exec.stderr).toBe(0);
  const out = await runCli(["env", "--profile", profile, ...flag, "--format", "json"], e);
  expect(out.code, out.stderr).toBe(0);
  const vars = JSON.parse(out.stdout) as Record<string, string>;
  return { exec: JSON.parse(exec.stdout), env: [vars.AWS_REGION ?? null, vars.AWS_DEFAULT_REGION ?? null], serve: await serveRegion(profile, e, flag) };
}

/** `sso serve`'s printed region exports, then SIGTERM. */
function serveRegion(profile: string, env: Record<string, string>, flag: string[]): Promise<unknown> {
  const child = spawn(process.execPath, [RUN_JS, "serve", "--profile", profile, ...flag], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("close", (code) => (stdout.includes("AWS_CONTAINER_AUTHORIZATION_TOKEN=") ? undefined : reject(new Error(`serve exited ${code}: ${stderr}`))));
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      if (!stdout.includes("AWS_CONTAINER_AUTHORIZATION_TOKEN=")) return;
      setTimeout(() => {
        child.kill("SIGTERM");
        const get = (name: string) => new RegExp(`^export ${name}=(\\S+)$`, "m").exec(stdout)?.[1] ?? null;
        resolve([get("AWS_REGION"), get("AWS_DEFAULT_REGION")]);
      }, 50);
    });
  });
}

describe("--region and the region precedence on exec, env and serve", () => {
  // [profile, environment, flag, expected region handed out (both variables), or null for none]. The whole table is
  // core's (resolveRegion.spec.ts); these rows check that each command uses it. dev's own region is eu-west-1.
  const rows: Array<[string, Record<string, string>, string[], string | null]> = [
    ["dev", { AWS_DEFAULT_REGION: "us-east-2" }, [], "us-east-2"],
    ["dev", { AWS_REGION: "ap-south-1", AWS_DEFAULT_REGION: "us-east-2" }, ["-r", "sa-east-1"], "sa-east-1"],
    ["noregion", {}, [], null],
  ];
  it.each(rows)("profile %s with %j and %j → %s", async (profile, env, flag, region) => {
    const both = [region, region];
    const got = await handedOut(profile, env, flag);
    expect(got).toEqual({ exec: both, env: both, serve: both });
  });

  it("an invalid region is one user error, before any credentials are handed out", async () => {
    for (const [args, env, line] of [
      [["exec", "--profile", "dev", "--region", "eu west 1", "--", "true"], {}, 'sso: --region "eu west 1" is not a region name (like eu-west-1). Fix: give a region name, like --region eu-west-1\n'],
      [["env", "--profile", "dev"], { AWS_REGION: "bad_region" }, 'sso: AWS_REGION "bad_region" is not a region name (like eu-west-1). Run: export AWS_REGION=eu-west-1 (or unset AWS_REGION)\n'],
    ] as Array<[string[], Record<string, string>, string]>) {
      const r = await runCli(args, { ...home.env, ...env });
      expectUserError(r);
      expect(r.stderr).toBe(line);
    }
  });
});
