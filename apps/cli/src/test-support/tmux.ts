import { spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RUN_JS } from "./cliHarness.js";

export function onPath(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/** A bin directory with an `sso` that runs this checkout's CLI, as an installed one would be found on PATH. */
export async function ssoBinDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sso-bin-"));
  await writeFile(join(dir, "sso"), `#!/bin/sh\nexec '${process.execPath}' '${RUN_JS}' "$@"\n`);
  await chmod(join(dir, "sso"), 0o755);
  return dir;
}

/**
 * A real terminal: a tmux server on its own socket running one shell in a 160x50 pane. Tests type with send-keys
 * and read the screen with capture-pane, polling for the text they expect (with a generous deadline: the machine
 * may be loaded), never sleeping for a fixed time.
 */
export class Terminal {
  private constructor(
    private readonly socket: string,
    private readonly dir: string,
  ) {}

  static async start(shell: string[], env: Record<string, string>): Promise<Terminal> {
    const dir = await mkdtemp(join(tmpdir(), "sso-tmux-"));
    await mkdir(dir, { recursive: true });
    const t = new Terminal(join(dir, "sock"), dir);
    // The server starts with this env; the shell in the pane inherits it.
    t.tmux(["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "160", "-y", "50", "--", ...shell], { ...env, TERM: "xterm-256color" });
    t.tmux(["set-option", "-g", "history-limit", "5000"]);
    return t;
  }

  private tmux(args: string[], env: Record<string, string> = { PATH: process.env.PATH ?? "" }): string {
    const r = spawnSync("tmux", ["-S", this.socket, ...args], { env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  }

  /** Type text literally (no key names). */
  type(text: string): void {
    this.tmux(["send-keys", "-t", "t", "-l", text]);
  }

  /** Press keys by tmux name: Enter, Down, C-c, C-u … */
  press(...keys: string[]): void {
    this.tmux(["send-keys", "-t", "t", ...keys]);
  }

  /** Type a command line and press Enter. */
  run(line: string): void {
    this.type(line);
    this.press("Enter");
  }

  /** The whole pane, scrollback included, with trailing blank lines dropped. */
  screen(): string {
    return this.tmux(["capture-pane", "-p", "-J", "-S", "-", "-t", "t"]).replace(/\s+$/, "");
  }

  /** Poll the screen until `pattern` shows (returns the screen), or fail with what the screen held. */
  async waitFor(pattern: RegExp | string, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (typeof pattern === "string" ? screen.includes(pattern) : pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; the screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** Run a command line and wait for its marker line, `<id>:<exit status>`; returns the status and the screen. */
  async runAndWait(line: string, id: string, shell: "posix" | "fish" = "posix", timeoutMs = 60_000): Promise<{ status: number; screen: string }> {
    this.run(`${line}; echo ${id}:${shell === "fish" ? "$status" : "$?"}`);
    const screen = await this.waitFor(new RegExp(`^${id}:(\\d+)$`, "m"), timeoutMs);
    return { status: Number(new RegExp(`^${id}:(\\d+)$`, "m").exec(screen)![1]), screen };
  }

  async close(): Promise<void> {
    spawnSync("tmux", ["-S", this.socket, "kill-server"], { stdio: "ignore" });
    await rm(this.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}
