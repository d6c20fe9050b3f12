import type { Interfaces } from "@oclif/core";
import { shellQuote } from "@sso-creds/core";
import levenshtein from "fast-levenshtein";

/**
 * The visible command (or alias) a mistyped one most likely meant, or undefined when none is close: a unique
 * prefix (`stat` → status), else the nearest by edit distance within max(2, a third of the word), so `logn`,
 * `stauts` and `exce` get a suggestion and an unrelated word gets the command list instead. Ids use spaces, as typed.
 */
export function closestCommand(config: Interfaces.Config, typed: string): string | undefined {
  const word = typed.replaceAll(":", " ");
  const ids = new Set<string>();
  for (const c of config.commands) {
    if (c.hidden) continue;
    for (const id of [c.id, ...c.aliases]) ids.add(id.replaceAll(":", " "));
  }
  const prefixed = [...ids].filter((id) => id.startsWith(word));
  if (word.length >= 2 && prefixed.length === 1) return prefixed[0];
  let best: { id: string; distance: number } | undefined;
  for (const id of ids) {
    const distance = levenshtein.get(word, id);
    if (!best || distance < best.distance) best = { id, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.id : undefined;
}

/** The one line for an unknown command: what is wrong, then the corrected command with the user's arguments, or `sso help`. */
export function unknownCommandLine(config: Interfaces.Config, typed: string, argv: readonly string[], asHelpFor = false): string {
  const word = typed.replaceAll(":", " ");
  const bin = config.bin;
  // `sso status extra`: a real command with a word it does not take (oclif joins the words into one unknown id).
  const parts = typed.split(":");
  for (let n = parts.length - 1; n > 0 && !asHelpFor; n--) {
    const id = parts.slice(0, n).join(":");
    const known = config.findCommand(id);
    if (known) {
      const shown = id.replaceAll(":", " ");
      return `${bin}: ${shown} does not take ${shellQuote(parts.slice(n).join(" "))}. Run: ${bin} ${shown} --help`;
    }
  }
  const suggestion = closestCommand(config, typed);
  if (!suggestion) return `${bin}: ${word} is not an ${bin} command. Run: ${bin} help`;
  const fix = asHelpFor ? `${bin} help ${suggestion}` : [bin, suggestion, ...argv.map(shellQuote)].join(" ");
  return `${bin}: ${word} is not an ${bin} command; did you mean ${suggestion}? Run: ${fix}`;
}
