import { execFile, execFileSync } from "node:child_process";
import { appendFile, chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_JS, runCli } from "../test-support/cliHarness.js";

const run = promisify(execFile);
const has = (cmd: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

let dir: string;
let home: string;
let bin: string;
const scripts: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sso-completion-"));
  home = join(dir, "home");
  bin = join(dir, "bin");
  await mkdir(join(home, ".aws"), { recursive: true });
  await mkdir(bin);
  // `sso` on PATH as a user has it.
  await writeFile(join(bin, "sso"), `#!/bin/sh\nexec '${process.execPath}' '${RUN_JS}' "$@"\n`);
  await chmod(join(bin, "sso"), 0o755);
  await writeFile(
    join(home, ".aws", "config"),
    "[sso-session my-sso]\nsso_start_url = https://d-0123456789.awsapps.com/start\nsso_region = us-east-1\n\n[profile dev]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = Admin\nregion = eu-west-1\n",
  );
  for (const shell of ["bash", "zsh", "fish", "powershell"]) {
    const r = await runCli(["completion", shell], { PATH: process.env.PATH ?? "", HOME: home });
    expect(r.code, r.stderr).toBe(0);
    scripts[shell] = join(dir, `sso.${shell}`);
    await writeFile(scripts[shell], r.stdout);
  }
  // Added after the scripts were generated: completion must still find them.
  await appendFile(
    join(home, ".aws", "config"),
    "\n[profile added-later]\nsso_session = later-sso\nsso_account_id = 222222222222\nsso_role_name = ReadOnly\n\n[sso-session later-sso]\nsso_start_url = https://d-1111111111.awsapps.com/start\nsso_region = eu-central-1\n",
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A shell in a real terminal (tmux): type, press TAB, then run `echo <the line as completed>` to read it back. */
class Terminal {
  private constructor(private readonly socket: string) {}

  static async start(shellCommand: string[]): Promise<Terminal> {
    const socket = join(dir, `tmux-${Math.random().toString(36).slice(2)}`);
    const env = ["env", "-i", `HOME=${home}`, `PATH=${bin}:/usr/local/bin:/usr/bin:/bin`, "TERM=xterm-256color", "PS1=$ "];
    await run("tmux", ["-S", socket, "new-session", "-d", "-x", "220", "-y", "50", [...env, ...shellCommand].map((a) => `'${a}'`).join(" ")]);
    const t = new Terminal(socket);
    await t.waitFor((screen) => screen.trim().length > 0, "a prompt");
    return t;
  }

  async keys(...keys: string[]): Promise<void> {
    await run("tmux", ["-S", this.socket, "send-keys", ...keys]);
  }

  async type(text: string): Promise<void> {
    await run("tmux", ["-S", this.socket, "send-keys", "-l", text]);
  }

  async screen(): Promise<string> {
    return (await run("tmux", ["-S", this.socket, "capture-pane", "-p", "-J"])).stdout;
  }

  async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.screen();
      if (test(s)) return s;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the terminal shows:\n${s}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Types `partial`, presses TAB, waits for the completion, then echoes the line: resolves with what the shell completed it to. */
  async complete(partial: string, expected: string): Promise<void> {
    const marker = `done-${Math.random().toString(36).slice(2, 8)}`;
    await this.type(partial);
    await this.keys("Tab");
    // The completion calls `sso __complete` (a node process): give it time, then read the line back through echo.
    const lines = await this.waitFor((s) => s.includes(expected), `"${expected}" after TAB`);
    void lines;
    await this.keys("C-e");
    await this.type(` ${marker}`);
    await this.keys("C-a");
    await this.type("echo ");
    await this.keys("Enter");
    const screen = await this.waitFor((s) => new RegExp(`^${escape(expected)}\\s+${marker}$`, "m").test(s), `the echoed line "${expected} ${marker}"`);
    expect(screen).toMatch(new RegExp(`^${escape(expected)}\\s+${marker}$`, "m"));
  }

  async stop(): Promise<void> {
    await run("tmux", ["-S", this.socket, "kill-server"]).catch(() => undefined);
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const SHELLS: Array<[string, string[], string]> = [
  ["bash", ["bash", "--norc", "--noprofile"], "source"],
  ["zsh", ["zsh", "-f"], "source"],
  ["fish", ["fish", "--no-config"], "source"],
];

describe.each(SHELLS)("%s completion in a real terminal (tmux)", (shell, command, source) => {
  const missing = ["tmux", shell].filter((c) => !has(c));
  it.skipIf(missing.length > 0)(`completes commands, flags, and profile and sso-session names added after the script was generated${missing.length ? ` (skipped: ${missing.join(", ")} not installed)` : ""}`, async () => {
    const t = await Terminal.start(command);
    try {
      await t.type(`${source} ${scripts[shell]}`);
      await t.keys("Enter");
      await t.complete("sso exec --profile add", "sso exec --profile added-later");
      await t.complete("sso login --sso-session lat", "sso login --sso-session later-sso");
      await t.complete("sso sta", "sso status");
      await t.complete("sso exec --ser", "sso exec --server");
      if (shell !== "fish") await t.complete("sso env --profile=add", "sso env --profile=added-later");
    } finally {
      await t.stop();
    }
  }, 180_000);
});

describe("the PowerShell script", () => {
  it("registers a native completer that hands the line to __complete and builds CompletionResults", async () => {
    const { readFile } = await import("node:fs/promises");
    const ps = await readFile(scripts.powershell!, "utf8");
    expect(ps).toMatch(/^Register-ArgumentCompleter -Native -CommandName 'sso' -ScriptBlock \{/m);
    expect(ps).toContain("& 'sso' __complete --line $line");
    expect(ps).toContain("[System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $tip)");
    // What it runs at TAB: the same answers as the other shells, from the line.
    const r = await runCli(["__complete", "--line", "sso exec --profile add"], { PATH: process.env.PATH ?? "", HOME: home });
    expect(r.stdout).toBe("added-later\n:0\n");
  });
});
