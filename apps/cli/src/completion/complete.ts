/**
 * What `sso __complete` answers for the words typed after `sso` (the last one is the word being completed, "" after a
 * space): commands, flags, and flag values, with profile and sso-session names read from the config at that moment, so
 * a profile added after the completion script was generated completes too. The shell scripts (scripts.ts) only pass
 * words in and candidates out; every rule is here, one place for bash, zsh, fish and PowerShell.
 */

/** What the completer needs to know about one command (oclif's manifest has it all, without loading the command). */
export interface CommandSpec {
  id: string;
  aliases: string[];
  hidden: boolean;
  summary: string | undefined;
  strict: boolean;
  flags: Record<string, FlagSpec>;
}

export interface FlagSpec {
  char?: string | undefined;
  type: "boolean" | "option";
  options?: readonly string[] | undefined;
  summary?: string | undefined;
  hidden?: boolean | undefined;
  multiple?: boolean | undefined;
}

/** Values from the config, read only when a flag needs them. */
export interface ValueSources {
  profiles(): Promise<string[]>;
  ssoSessions(): Promise<string[]>;
  regions(): Promise<string[]>;
}

export interface Completion {
  /** Candidates, each `value` or `value\tdescription`. */
  candidates: string[];
  /** True where the shell's own completion (files, commands) should take over when there are no candidates. */
  fallback: boolean;
}

const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;
export const COMPLETION_SHELLS: readonly string[] = SHELLS;

/** Flags whose values come from the config. */
const VALUE_SOURCE: Record<string, keyof ValueSources> = { profile: "profiles", "source-profile": "profiles", "sso-session": "ssoSessions", region: "regions" };

export async function complete(commands: readonly CommandSpec[], words: readonly string[], sources: ValueSources): Promise<Completion> {
  const typed = words.length ? [...words] : [""];
  const current = typed.pop()!;
  const visible = commands.filter((c) => !c.hidden);
  const idWords = (id: string) => id.split(":");

  // The command: the longest run of leading words that is a command id (ids use ":", typed with spaces).
  let command: CommandSpec | undefined;
  let used = 0;
  for (let n = typed.length; n > 0 && !command; n--) {
    if (typed.slice(0, n).some((w) => w.startsWith("-"))) continue;
    const id = typed.slice(0, n).join(":");
    command = commands.find((c) => c.id === id || c.aliases.includes(id));
    if (command) used = n;
  }
  if (!command) {
    if (typed.some((w) => w.startsWith("-"))) return none(false);
    // Completing a command word (or the next word of a topic such as `token ...`).
    const prefix = typed.join(":");
    const next = new Map<string, string>();
    for (const c of visible) {
      for (const id of [c.id, ...c.aliases]) {
        const parts = idWords(id);
        if (parts.length <= typed.length || (prefix && parts.slice(0, typed.length).join(":") !== prefix)) continue;
        const word = parts[typed.length]!;
        if (!word.startsWith(current) || next.has(word)) continue;
        next.set(word, parts.length === typed.length + 1 && id === c.id ? (c.summary ?? "") : parts.length === typed.length + 1 ? `alias of ${c.id.replaceAll(":", " ")}` : "");
      }
    }
    return { candidates: [...next].map(([w, d]) => withDescription(w, d)), fallback: false };
  }

  const rest = typed.slice(used);
  const flags: Record<string, FlagSpec> = { ...command.flags, help: { type: "boolean", char: "h", summary: "Show help." } };
  const byChar = new Map(Object.entries(flags).filter(([, f]) => f.char).map(([n, f]) => [f.char!, n]));
  const flagNamed = (word: string): string | undefined => (word.startsWith("--") ? (word.slice(2) in flags ? word.slice(2) : undefined) : byChar.get(word.slice(1)));

  // Walk what was typed after the command: flags, their values, `--`, positional words.
  const seen = new Set<string>();
  const positional: string[] = [];
  let afterDashDash = false;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (afterDashDash) positional.push(w);
    else if (w === "--") afterDashDash = true;
    else if (w.startsWith("-") && w !== "-") {
      const name = flagNamed(w.split("=")[0]!);
      if (name) seen.add(name);
      if (name && flags[name]!.type === "option" && !w.includes("=")) i++;
    } else positional.push(w);
  }
  // exec: once the command to run has started (after `--` or its first word), the shell completes it.
  if (command.id === "exec" && (afterDashDash || positional.length > 0)) return none(true);

  // A value for the flag before the cursor (`--profile <TAB>`), or after `=` (`--profile=de<TAB>`).
  const previous = rest.at(-1);
  const previousFlag = previous !== undefined && !afterDashDash && previous.startsWith("-") && !previous.includes("=") ? flagNamed(previous) : undefined;
  if (previousFlag && flags[previousFlag]!.type === "option") return values(flags[previousFlag]!, previousFlag, current, "", sources);
  const eq = /^(--[^=]+)=(.*)$/.exec(current);
  if (eq && !afterDashDash) {
    const name = flagNamed(eq[1]!);
    return name && flags[name]!.type === "option" ? values(flags[name]!, name, eq[2]!, `${eq[1]}=`, sources) : none(false);
  }

  if (current.startsWith("-") && !afterDashDash) {
    const candidates: string[] = [];
    for (const [name, f] of Object.entries(flags)) {
      if (f.hidden || (seen.has(name) && !f.multiple)) continue;
      const long = `--${name}`;
      if (long.startsWith(current)) candidates.push(withDescription(long, f.summary ?? ""));
      else if (f.char && current === `-${f.char}`) candidates.push(withDescription(current, f.summary ?? ""));
    }
    return { candidates: candidates.sort(), fallback: false };
  }

  // Positional words of the few commands that take known ones.
  if (command.id === "help") return complete(commands.filter((c) => c.id !== "help"), [...positional, current], sources).then((r) => ({ ...r, fallback: false }));
  if (command.id === "completion" && positional.length === 0) return { candidates: SHELLS.filter((s) => s.startsWith(current)), fallback: false };
  return none(!command.strict);
}

async function values(flag: FlagSpec, name: string, current: string, prefix: string, sources: ValueSources): Promise<Completion> {
  const source = VALUE_SOURCE[name];
  const all = flag.options ? [...flag.options] : source ? await sources[source]() : undefined;
  // A value we know nothing of (a port, a template, a path): the shell's own completion.
  if (!all) return none(true);
  return { candidates: [...new Set(all)].filter((v) => v.startsWith(current)).map((v) => `${prefix}${v}`), fallback: false };
}

function withDescription(value: string, description: string): string {
  const d = description.replace(/\s+/g, " ").trim();
  return d ? `${value}\t${d}` : value;
}

function none(fallback: boolean): Completion {
  return { candidates: [], fallback };
}

/**
 * Split a command line (PowerShell hands us the line up to the cursor) into words as a shell would for completion:
 * whitespace separates, single and double quotes group, a trailing space starts an empty current word.
 */
export function splitLine(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else word = (word ?? "") + ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      word ??= "";
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? "") + ch;
  }
  words.push(word ?? "");
  return words;
}
