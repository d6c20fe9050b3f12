import { describe, expect, it } from "vitest";
import { runCli } from "./test-support/cliHarness.js";

const env = { PATH: process.env.PATH ?? "", HOME: "/nonexistent" };
const run = (...args: string[]) => runCli(args, env);

describe("help, -h and typos (real processes)", () => {
  it("-h, --help and `help` show the same help, for the CLI and for a command", async () => {
    const [short, long, root] = await Promise.all([run("-h"), run("--help"), run("help")]);
    expect(short.code).toBe(0);
    expect(short.stdout).toMatch(/^USAGE\n {2}\$ sso \[COMMAND\]$/m);
    expect(short.stdout).toMatch(/^ {2}login +Log in/m);
    expect(long.stdout).toBe(short.stdout);
    expect(root.stdout).toBe(short.stdout);
    for (const cmd of ["login", "status", "exec", "env", "serve", "logout"]) {
      const [h, help, word] = await Promise.all([run(cmd, "-h"), run(cmd, "--help"), run("help", cmd)]);
      expect(h.code, `${cmd} -h: ${h.stderr}`).toBe(0);
      expect(h.stderr).toBe("");
      expect(h.stdout).toMatch(new RegExp(`^ {2}\\$ sso ${cmd}`, "m"));
      expect(h.stdout).toMatch(/^EXIT CODES\n {2}0 +\S/m);
      expect(help.stdout).toBe(h.stdout);
      expect(word.stdout).toBe(h.stdout);
    }
  });

  it("-h after other flags still shows help; after `--` it belongs to exec's command", async () => {
    const h = await run("status", "--profile", "dev", "-h");
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^ {2}\$ sso status/m);
    // Not help: exec runs (and fails on the missing config, the way a real run would).
    const child = await run("exec", "--profile", "dev", "--", "echo", "-h");
    expect(child.stdout).not.toMatch(/USAGE/);
  });

  it("exec's usage shows the command after --, and its exit codes", async () => {
    const h = await run("exec", "-h");
    expect(h.stdout).toMatch(/\$ sso exec \[-p <value>\][^$]* \[?-- COMMAND\s+\[ARGS\.\.\.\]/); // optional: no command starts $SHELL
    expect(h.stdout).toMatch(/^ {2}127 +the command was not found$/m);
  });

  it("a mistyped command gets one `sso:` line with the corrected command (arguments kept), exit 2", async () => {
    const cases: Array<[string[], string]> = [
      [["logn", "--profile", "dev"], "sso: logn is not an sso command; did you mean login? Run: sso login --profile dev\n"],
      [["stauts"], "sso: stauts is not an sso command; did you mean status? Run: sso status\n"],
      [["exce", "--", "terraform", "plan"], "sso: exce is not an sso command; did you mean exec? Run: sso exec -- terraform plan\n"],
      [["stat"], "sso: stat is not an sso command; did you mean status? Run: sso status\n"],
      [["lgout", "--all"], "sso: lgout is not an sso command; did you mean logout? Run: sso logout --all\n"],
      [["zzzzzz"], "sso: zzzzzz is not an sso command. Run: sso help\n"],
      [["help", "logn"], "sso: logn is not an sso command; did you mean login? Run: sso help login\n"],
    ];
    for (const [args, line] of cases) {
      const r = await run(...args);
      expect(r.stderr, args.join(" ")).toBe(line);
      expect(r.stdout).toBe("");
      expect(r.code).toBe(2);
    }
  });

  it("sso completion without a shell takes $SHELL's; an unknown one is one usage line", async () => {
    const fish = await runCli(["completion"], { ...env, SHELL: "/usr/bin/fish" });
    expect(fish.code, fish.stderr).toBe(0);
    expect(fish.stdout).toMatch(/^# sso completion for fish/);
    expect((await runCli(["autocomplete", "fish"], env)).stdout).toBe(fish.stdout);
    const tcsh = await runCli(["completion"], { ...env, SHELL: "/bin/tcsh" });
    expect(tcsh.code).toBe(2);
    expect(tcsh.stderr).toBe("sso: Which shell? SHELL (/bin/tcsh) is not one of bash, zsh, fish, powershell. Run: sso completion bash|zsh|fish|powershell\n");
  });

  it("flag and argument mistakes are one usage line naming the help to read, exit 2", async () => {
    const cases: Array<[string[], string]> = [
      [["status", "--bogus"], "sso: Nonexistent flag: --bogus. Run: sso status --help\n"],
      [["login", "--sso-session"], "sso: Flag --sso-session expects a value. Run: sso login --help\n"],
      [["login", "--profile", "a", "--sso-session", "b"], "sso: --profile=a cannot also be provided when using --sso-session. Run: sso login --help\n"],
      [["env", "--format", "nope"], "sso: Expected --format=nope to be one of: sh, fish, powershell, windows-cmd, dotenv, json, github, process. Run: sso env --help\n"],
      [["status", "extra"], "sso: status does not take extra. Run: sso status --help\n"],
    ];
    for (const [args, line] of cases) {
      const r = await run(...args);
      expect(r.stderr, args.join(" ")).toBe(line);
      expect(r.code).toBe(2);
    }
  });
});
