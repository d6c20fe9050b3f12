import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { SsoCredsError } from "../errors.js";
import { runWithEnv } from "./runWithEnv.js";

const node = process.execPath;
const quiet = { stdio: "ignore" as const, sharesTerminal: false };

async function waitFor(path: string): Promise<void> {
  for (let i = 0; i < 300 && !existsSync(path); i++) await sleep(50);
  if (!existsSync(path)) throw new Error(`timed out waiting for ${path}`);
}

/** A child that records each named signal it receives in `dir`, exits 0 on SIGUSR2, and says when it is ready. */
function trapScript(dir: string): string {
  return `
    const fs = require("node:fs");
    for (const s of ["SIGHUP", "SIGWINCH", "SIGINT"]) process.on(s, () => fs.writeFileSync(${JSON.stringify(dir)} + "/" + s, "x"));
    process.on("SIGUSR2", () => { fs.writeFileSync(${JSON.stringify(dir)} + "/SIGUSR2", "x"); process.exit(0); });
    setInterval(() => {}, 1000);
    fs.writeFileSync(${JSON.stringify(dir)} + "/ready", "x");`;
}

describe("runWithEnv", () => {
  it("passes the environment, not the parent's, and resolves with the exit code", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sso-exec-"));
    const code = await runWithEnv(node, ["-e", `require("node:fs").writeFileSync(process.argv[1], JSON.stringify(process.env)); process.exit(3)`, join(dir, "env.json")], { ONLY: "this" }, quiet);
    expect(code).toBe(3);
    const env = JSON.parse(readFileSync(join(dir, "env.json"), "utf8"));
    expect(env.ONLY).toBe("this");
    expect(env.PATH).toBeUndefined();
  });

  it("passes arguments verbatim, without a shell", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sso-exec-"));
    const args = ["$(touch pwned)", "a b", "'\"", "*"];
    const code = await runWithEnv(node, ["-e", `require("node:fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))`, join(dir, "argv.json"), ...args], {}, quiet);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "argv.json"), "utf8"))).toEqual(args);
    expect(existsSync("pwned")).toBe(false);
  });

  it("reports 128 + signal number when a signal kills the child", async () => {
    expect(await runWithEnv(node, ["-e", `process.kill(process.pid, "SIGKILL")`], {}, quiet)).toBe(137);
    expect(await runWithEnv(node, ["-e", `process.kill(process.pid, "SIGTERM")`], {}, quiet)).toBe(143);
  });

  it("forwards signals it receives to the child", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sso-exec-"));
    const running = runWithEnv(node, ["-e", trapScript(dir)], {}, quiet);
    await waitFor(join(dir, "ready"));
    process.kill(process.pid, "SIGHUP");
    await waitFor(join(dir, "SIGHUP"));
    process.kill(process.pid, "SIGUSR2");
    expect(await running).toBe(0);
    expect(existsSync(join(dir, "SIGUSR2"))).toBe(true);
    expect(process.listenerCount("SIGHUP")).toBe(0);
  }, 30_000);

  it("does not re-send terminal signals to a child that shares the terminal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sso-exec-"));
    const running = runWithEnv(node, ["-e", trapScript(dir)], {}, { stdio: "ignore", sharesTerminal: true });
    await waitFor(join(dir, "ready"));
    process.kill(process.pid, "SIGWINCH");
    await sleep(500);
    expect(existsSync(join(dir, "SIGWINCH"))).toBe(false);
    process.kill(process.pid, "SIGUSR2");
    expect(await running).toBe(0);
  }, 30_000);

  it("fails with one line naming a command that does not exist", async () => {
    const err = await runWithEnv("no-such-command-sso-creds", [], { PATH: "/usr/bin" }, quiet).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SsoCredsError);
    expect((err as SsoCredsError).message).toBe("command not found: no-such-command-sso-creds");
    expect((err as SsoCredsError).code).toBe("CommandNotFound");
  });
});
