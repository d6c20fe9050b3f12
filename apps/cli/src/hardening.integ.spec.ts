// Issue 17 as a user meets it in the `sso` CLI: flag errors keep their reason on one line, a bad token or a hung
// lock holder are told at once, a config symlink loop is named, populate checks --region before any call.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, rm, symlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loggedInHome, runCli, SESSION, START_URL, startEmulator, writeToken, type CliHome, type Emulator } from "./test-support/credentialCommandsHome.js";

let emu: Emulator;
let home: CliHome;
beforeAll(async () => (emu = await startEmulator({ port: 0 })));
afterAll(() => emu?.close());
beforeEach(async () => {
  emu.reset();
  home = await loggedInHome(emu);
});
afterEach(() => home.cleanup());

const timed = async (args: string[]) => {
  const started = Date.now();
  const r = await runCli(args, home.env);
  return { ...r, ms: Date.now() - started };
};

describe("sso under bad input and contention (issue 17)", { timeout: 120_000 }, () => {
  it("a flag error keeps oclif's reason, on one line with a --help hint, exit 2", async () => {
    for (const [args, line] of [
      [["serve", "--port", "99999"], "sso: --port: Expected an integer less than or equal to 65535 but received: 99999. Run: sso serve --help"],
      [["serve", "--port", "abc"], "sso: --port: Expected an integer but received: abc. Run: sso serve --help"],
      [["env", "--profile"], "sso: Flag --profile expects a value. Run: sso env --help"],
      [["env", "--bogus"], "sso: Nonexistent flag: --bogus. Run: sso env --help"],
    ] as const) {
      const r = await runCli([...args], home.env);
      expect(r.stderr, args.join(" ")).toBe(`${line}\n`);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
    }
  });

  it("a token whose accessToken cannot be an HTTP header: one line naming the file and the login, and sso env exits at once", async () => {
    const baseline = await timed(["env", "--profile", "static-missing"]);
    expect(baseline.code).toBe(1);
    await writeToken(home, { ...emu.mintToken({ startUrl: START_URL, region: "us-east-1" }), accessToken: "aoa-first\r\nX-Injected: 1" });
    const r = await timed(["env", "--profile", "dev"]);
    const file = `~/.aws/sso/cache/${createHash("sha1").update(SESSION).digest("hex")}.json`;
    expect(r.stderr).toBe(
      `sso: The SSO token file ${file} for sso-session ${SESSION} has an accessToken that cannot be sent in an HTTP header (control or non-Latin-1 characters). Run: sso login --sso-session ${SESSION}\n`,
    );
    expect(r.code).toBe(1);
    expect(r.ms - baseline.ms).toBeLessThan(1_000);
    expect(emu.stats().GetRoleCredentials ?? 0).toBe(0);
  });

  it("behind a hung lock holder, sso env says once whom it waits for and how long at most, then goes on when the holder is gone", async () => {
    expect((await runCli(["env", "--profile", "dev"], home.env)).code).toBe(0);
    const [name] = (await readdir(home.cliCache)).filter((n) => n.endsWith(".json"));
    const cache = join(home.cliCache, name!);
    await rm(cache);
    const hung = spawn("sleep", ["60"]);
    try {
      await writeFile(`${cache}.lock`, JSON.stringify({ pid: hung.pid, hostname: hostname(), createdAt: Date.now(), id: "hung" }));
      let told!: () => void;
      const notice = new Promise<void>((r) => (told = r));
      const run = runCli(["env", "--profile", "dev"], home.env, { onStderr: (_c, all) => all.includes("\n") && told() });
      const quiet = new Promise<void>((r) => setTimeout(r, 10_000).unref());
      await Promise.race([notice, quiet]);
      hung.kill("SIGKILL");
      const r = await run;
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("AWS_ACCESS_KEY_ID");
      expect(r.stderr).toBe(
        `sso: waiting for pid ${hung.pid}, which holds ~/.aws/cli/cache/${name}.lock (at most 90 s; a holder that stops responding is taken over after 30 s).\n`,
      );
    } finally {
      hung.kill("SIGKILL");
    }
  });

  it("a symlink loop at ~/.aws/config is named as one, with a command that fixes it", async () => {
    const config = join(home.home, ".aws", "config");
    await rm(config);
    await symlink(config, config);
    const r = await runCli(["env", "--profile", "dev"], home.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`sso: ~/.aws/config is a symbolic link that loops (ELOOP); nothing can be read through it. Run: rm ${config}\n`);
  });

  it("populate checks --region before any API call", async () => {
    for (const region of ["eu west 1", "-bad", "x".repeat(64), "us-east-1\nfoo"]) {
      const r = await runCli(["populate", "--sso-session", SESSION, "--region", region], home.env);
      expect(r.code, region).toBe(1);
      expect(r.stderr, region).toBe(`sso: --region ${JSON.stringify(region)} is not a region name (like eu-west-1). Fix: give a region name, like --region eu-west-1\n`);
    }
    expect(emu.stats()).toEqual({});
  });
});
