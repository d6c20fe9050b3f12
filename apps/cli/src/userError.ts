import { formatUserLine, isSsoCredsError } from "@sso-creds/core";

/** Errors with an exit status of their own (documented in each command's help, EXIT CODES); others exit 1. Ctrl-C in a prompt exits as a shell reports SIGINT. */
export const EXIT_CODE_BY_ERROR: Readonly<Record<string, number>> = { UsageError: 2, CommandNotExecutable: 126, CommandNotFound: 127, Cancelled: 130 };

/**
 * What the CLI prints for a failure (the oclif commands and the fast path alike): one line, `sso: <what is wrong>
 * Run: <fix>`, and the stack only with --debug. Never a secret: SsoCredsError messages hold none.
 */
export function userErrorText(err: unknown, debug: boolean): string {
  const e = err as Error;
  const line = isSsoCredsError(err)
    ? err.toUserLine("sso")
    : formatUserLine({ program: "sso", message: `${oneLine(e?.message || String(err))}${debug ? "" : " (run with --debug for details)"}` });
  return debug && e?.stack ? `${line}\n${e.stack}\n` : `${line}\n`;
}

export function exitCodeFor(err: unknown): number {
  return (isSsoCredsError(err) && EXIT_CODE_BY_ERROR[err.code]) || 1;
}

export function oneLine(s: string): string {
  return s.split("\n")[0]?.trim() ?? "";
}
