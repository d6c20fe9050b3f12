import { SsoCredsError } from "../errors.js";

/** POSIX sh/bash/zsh: inside single quotes nothing is special; a quote is closed, escaped, reopened. */
export function quoteSh(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** fish: inside single quotes only `\\` and `\'` are escapes. */
export function quoteFish(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

/**
 * PowerShell: single-quoted strings are verbatim; a quote is doubled. PowerShell also treats the
 * typographic quotes U+2018..U+201B as single quotes, so those are doubled as well.
 */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

/**
 * dotenv: double quotes with backslash escapes, as python-dotenv and docker compose read them.
 * There is no single dotenv standard; AWS credential values are base64-like and never need more.
 */
export function quoteDotenv(value: string): string {
  const escaped = value
    .replaceAll("\\", "\\\\")
    .replaceAll('"', '\\"')
    .replaceAll("\n", "\\n")
    .replaceAll("\r", "\\r");
  return `"${escaped}"`;
}

/**
 * Windows cmd.exe: `set "NAME=value"`. Inside the quotes `& | < > ^` are literal, but `%` (and `!` with delayed
 * expansion) still expand and a `"` or newline cannot be written at all, so only the characters AWS credentials,
 * timestamps, account ids and regions use are accepted: anything else is refused rather than half-quoted.
 */
export function quoteCmdSet(name: string, value: string): string {
  if (!/^[A-Za-z0-9+/=:._-]*$/.test(value)) {
    throw new SsoCredsError(`The value of ${name} has characters cmd.exe cannot take safely in a set command.`, {
      code: "UnsafeValue",
      fix: "use --format powershell (or json) instead of windows-cmd",
    });
  }
  return `set "${name}=${value}"`;
}
