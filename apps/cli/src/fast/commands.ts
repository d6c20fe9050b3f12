import { ENV_FORMATS, USE_SHELLS, type FlagSpec } from "@sso-creds/core";

/** A command the fast path answers without oclif, and when it steps aside for the full CLI. */
export interface FastCommand {
  /** The flags it parses itself: the same names, characters, kinds and choices as the oclif command's. */
  flags: FlagSpec;
  /** The oclif command's other flags: given one of them, the full CLI runs instead. */
  fallbackFlags: readonly string[];
  /** The words after the flags are the command's (`sso exec -p dev -- aws ...`). */
  positional?: boolean;
  /** oclif's `exclusive`: flags that cannot be given together; given together, oclif runs (and words the error). */
  exclusive?: Readonly<Record<string, readonly string[]>>;
}

const profile = { type: "string", char: "p" } as const;
const debug = { type: "boolean" } as const;
const region = { type: "string", char: "r" } as const;

/**
 * The hot commands: what people put in front of every command and into prompt hooks. Everything else (help,
 * completion, login, a profile picker, a flag not listed here) goes to oclif; a test checks this table against
 * oclif.manifest.json so the two never disagree about a flag.
 */
export const FAST_COMMANDS: Readonly<Record<string, FastCommand>> = {
  env: { flags: { profile, debug, region, format: { type: "string", options: ENV_FORMATS } }, fallbackFlags: ["write-credentials"] },
  exec: { flags: { profile, debug, region, "allow-nested": { type: "boolean" } }, fallbackFlags: ["server"], positional: true },
  status: { flags: { profile, debug, "sso-session": { type: "string" } }, fallbackFlags: ["json"], exclusive: { "sso-session": ["profile"] } },
  // `sso use PROFILE` / `sso use --unset`, as the shell function from `sso shell-init` runs them.
  use: { flags: { profile, debug, unset: { type: "boolean" }, shell: { type: "string", options: USE_SHELLS } }, fallbackFlags: [], positional: true },
};

/** `sso whoami` is `sso status`. */
export const FAST_ALIASES: Readonly<Record<string, string>> = { whoami: "status" };
