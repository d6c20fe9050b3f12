/** One flag of a short-lived bin: `--name value` / `--name=value` (and `-c value`) for strings, `--name` for booleans. */
export interface FlagDef {
  type: "string" | "boolean";
  char?: string | undefined;
  /** The values a string flag accepts. */
  options?: readonly string[] | undefined;
}

export type FlagSpec = Readonly<Record<string, FlagDef>>;

export class FlagParseError extends Error {
  override name = "FlagParseError";
}

export interface ParsedFlags {
  flags: Record<string, string | boolean>;
  /** What follows `--`, or the first word that is not a flag, and everything after it (only with `positional`). */
  rest: string[];
}

/**
 * The argv parser of the short-lived bins (the credential_process shim, the CLI's fast path): exactly the forms in
 * FlagDef, anything else a FlagParseError (as util.parseArgs' strict mode). Hand-written because util.parseArgs costs
 * a cache hit ~0.8 ms of module compilation (`node:util` evaluates all its lazy exports). With `positional`, the
 * first word that is not a flag (or `--`) ends the flags: `sso exec -p dev aws s3 ls`.
 */
export function parseFlags(argv: readonly string[], spec: FlagSpec, options: { positional?: boolean } = {}): ParsedFlags {
  const flags: Record<string, string | boolean> = {};
  const byChar = new Map<string, string>();
  for (const [name, def] of Object.entries(spec)) if (def.char) byChar.set(def.char, name);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") return { flags, rest: options.positional ? argv.slice(i + 1) : fail(`Unexpected argument '--'`) };
    let name: string | undefined;
    let inline: string | undefined;
    const long = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    const short = /^-([^-])$/.exec(arg);
    if (long) {
      name = long[1]!;
      inline = long[2];
    } else if (short) {
      name = byChar.get(short[1]!);
      if (name === undefined) fail(`Unknown option '${arg}'`);
    } else if (options.positional) {
      return { flags, rest: argv.slice(i) };
    } else fail(arg.startsWith("-") ? `Unknown option '${arg}'` : `Unexpected argument '${arg}'`);
    const def = spec[name!];
    if (!def) fail(`Unknown option '${arg}'`);
    if (name! in flags) fail(`Option '--${name}' was given twice`);
    if (def!.type === "boolean") {
      if (inline !== undefined) fail(`Option '--${name}' takes no value`);
      flags[name!] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) fail(`Option '--${name}' needs a value`);
    if (def!.options && !def!.options.includes(value!)) fail(`Option '--${name}' must be one of ${def!.options.join(", ")}`);
    flags[name!] = value!;
  }
  return { flags, rest: [] };
}

function fail(message: string): never {
  throw new FlagParseError(message);
}
