// The CLI's fast path: `sso env`, `sso exec` and `sso status` on their common forms, bundled into one small file
// (dist/hot/main.js) that loads neither oclif nor the AWS SDK on a cache hit, the way sso-credential-process does.
// The bodies are the oclif commands' own (../bodies/), so output, messages and exit codes are the same; whatever this
// file does not recognise (help, an unlisted flag, no profile at all, --json) returns false and oclif runs instead.
import { lockWaitNotice, parseFlags, shortLivedDeps, writeAll, type CoreDeps, type LockOptions } from "@sso-creds/core";
import { printEnv } from "../bodies/env.js";
import { execCommand } from "../bodies/exec.js";
import { statusReport } from "../bodies/status.js";
import { unsetProfile, useProfile, useShell, USE_SHELL_ENV } from "../shell/useProfile.js";
import { mfaPrompt } from "../mfaPrompt.js";
import { exitCodeFor, userErrorText } from "../userError.js";
import { FAST_ALIASES, FAST_COMMANDS, type FastCommand } from "./commands.js";

type Flags = Record<string, string | boolean>;

const RUN: Record<string, (deps: CoreDeps, flags: Flags, rest: string[], lock: LockOptions) => Promise<number> | undefined> = {
  env: (deps, flags, _rest, lock) => (needsPicker(deps, flags) ? undefined : printEnv(deps, strings(flags), { lock }).then(() => 0)),
  exec: (deps, flags, rest, lock) => {
    const [program, ...args] = rest;
    if (!program || needsPicker(deps, flags)) return undefined;
    return execCommand(deps, { ...strings(flags), "allow-nested": flags["allow-nested"] === true }, program, args, { lock });
  },
  use: (deps, flags, rest) => {
    // One word at most (the profile); none and no --unset is the picker's: oclif's.
    const profile = typeof flags.profile === "string" ? flags.profile : rest[0];
    if (rest.length > 1 || (rest.length === 1 && typeof flags.profile === "string") || (!flags.unset && !profile)) return undefined;
    return (async () => {
      const explicit = typeof flags.shell === "string" ? flags.shell : undefined;
      // isatty only when it matters (no shell named): it loads the tty and streams modules.
      const tty = explicit === undefined && !deps.env[USE_SHELL_ENV] && process.getBuiltinModule("node:tty").isatty(1);
      const shell = useShell(deps.env, explicit, tty);
      const out = flags.unset ? unsetProfile(deps.env, shell) : await useProfile(deps, { profile: profile!, shell, mfaCode: mfaPrompt(deps.env) });
      writeAll(1, out.script);
      writeAll(2, `${out.message}\n`);
      return 0;
    })();
  },
  status: async (deps, flags) => {
    const report = await statusReport(deps, strings(flags));
    writeAll(1, report.lines.map((l) => `${l}\n`).join(""));
    return report.ok ? 0 : 1;
  },
};

/** Runs argv if it is a hot command in a form this path knows, setting process.exitCode; false if oclif should. */
export async function runFast(argv: readonly string[], deps: CoreDeps = shortLivedDeps()): Promise<boolean> {
  const [word, ...rest] = argv;
  const id = FAST_ALIASES[word ?? ""] ?? word ?? "";
  const command = FAST_COMMANDS[id];
  if (!command || !Object.hasOwn(RUN, id)) return false;
  if (readsDifferently(rest, command)) return false;
  let parsed;
  try {
    parsed = parseFlags(rest, { ...command.flags, ...Object.fromEntries(command.fallbackFlags.map((f) => [f, { type: "boolean" as const }])) }, { positional: command.positional });
  } catch {
    return false; // oclif words the usage error
  }
  if (command.fallbackFlags.some((f) => f in parsed.flags) || (!command.positional && parsed.rest.length > 0)) return false;
  const given = (f: string) => Object.hasOwn(parsed.flags, f);
  if (Object.entries(command.exclusive ?? {}).some(([f, others]) => given(f) && others.some(given))) return false;
  const debug = parsed.flags.debug === true;
  try {
    // As the oclif commands do (BaseCommand.waitNotice): say once on stderr whom we wait for behind a busy lock.
    const lock = lockWaitNotice(deps, "sso", (line) => writeAll(2, line));
    const running = RUN[id]!(deps, parsed.flags, parsed.rest, lock);
    if (running === undefined) return false;
    process.exitCode = await running;
  } catch (e) {
    writeAll(2, userErrorText(e, debug));
    process.exitCode = exitCodeFor(e);
  }
  return true;
}

/**
 * The forms parseFlags reads otherwise than oclif's parser (a test compares the two on generated command lines):
 * a short flag with its value attached or combined (`-pdev`: oclif's; parseFlags would take it for a command word),
 * and a value-taking flag whose value is one of the command's flags (`-r -p dev`, `--profile=--debug`: oclif says the
 * value is missing).
 */
function readsDifferently(argv: readonly string[], command: FastCommand): boolean {
  const byChar = new Map<string, string>(Object.entries(command.flags).flatMap(([name, def]): [string, string][] => (def.char ? [[`-${def.char}`, name]] : [])));
  // oclif's findFlag: `--name` exactly, or `-` and a flag's character followed by anything (`-pdev` is -p).
  const isFlag = (a: string | undefined) =>
    a !== undefined && (a.startsWith("--") ? Object.hasOwn(command.flags, a.slice(2)) || command.fallbackFlags.includes(a.slice(2)) : byChar.has(a.slice(0, 2)));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--" || (command.positional && !arg.startsWith("-"))) return false;
    if (/^-[^-]./.test(arg)) return true;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0 && command.flags[arg.slice(2, eq)]?.type === "string" && isFlag(arg.slice(eq + 1))) return true;
    const name = byChar.get(arg) ?? (arg.startsWith("--") && eq < 0 ? arg.slice(2) : undefined);
    if (name !== undefined && command.flags[name]?.type === "string") {
      if (isFlag(argv[i + 1])) return true;
      i++;
    }
  }
  return false;
}

/** No --profile, AWS_PROFILE or AWS_DEFAULT_PROFILE (an empty one is none): the full CLI decides (a picker at a terminal, else its error). */
function needsPicker(deps: CoreDeps, flags: Flags): boolean {
  return !flags.profile && !deps.env.AWS_PROFILE && !deps.env.AWS_DEFAULT_PROFILE;
}

function strings(flags: Flags): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(flags)) if (typeof v === "string") out[k] = v;
  return out;
}
