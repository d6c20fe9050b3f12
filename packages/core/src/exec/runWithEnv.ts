import type { StdioOptions } from "node:child_process";
import { SsoCredsError } from "../errors.js";

/** Signals a wrapper must pass on so the child can clean up as if it had been started directly. */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGWINCH"];

/** Signals a terminal sends to its whole foreground process group, which the child belongs to. */
const TERMINAL_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGQUIT", "SIGWINCH"];

export interface RunWithEnvOptions {
  stdio?: StdioOptions;
  /**
   * True when the child shares our controlling terminal (inherited stdio with a TTY stdin; the default).
   * Ctrl-C then already reaches the child from the terminal, and a second copy from us would make
   * tools like terraform abort instead of stopping gracefully, so terminal signals are not re-sent.
   */
  sharesTerminal?: boolean;
}

/**
 * Run `command` with `args` (no shell, so no quoting surprises) and `env`, pass signals on, and
 * resolve with its exit code: the child's own, or 128 + the signal number when a signal killed it, as shells report.
 */
export function runWithEnv(command: string, args: readonly string[], env: Record<string, string>, options: RunWithEnvOptions = {}): Promise<number> {
  const stdio = options.stdio ?? "inherit";
  const sharesTerminal = options.sharesTerminal ?? (stdio === "inherit" && process.stdin.isTTY === true);
  return new Promise<number>((resolve, reject) => {
    // Loaded here, not imported: node:child_process brings the streams stack, which `sso env` (bundled with this) never needs.
    const child = process.getBuiltinModule("node:child_process").spawn(command, args, { env, stdio });
    const handlers = new Map<NodeJS.Signals, () => void>();
    const stopForwarding = (): void => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
      handlers.clear();
    };
    for (const signal of FORWARDED_SIGNALS) {
      // Installing a handler also keeps this process alive until the child has reacted.
      const handler = (): void => {
        if (sharesTerminal && TERMINAL_SIGNALS.includes(signal)) return;
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      };
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
    child.once("error", (err: NodeJS.ErrnoException) => {
      stopForwarding();
      reject(spawnError(command, err));
    });
    child.once("close", (code, signal) => {
      stopForwarding();
      if (code !== null) resolve(code);
      else resolve(128 + (signal ? (process.getBuiltinModule("node:os").constants.signals[signal] ?? 0) : 0));
    });
  });
}

function spawnError(command: string, err: NodeJS.ErrnoException): SsoCredsError {
  if (err.code === "ENOENT") return new SsoCredsError(`command not found: ${command}`, { code: "CommandNotFound", cause: err });
  if (err.code === "EACCES") return new SsoCredsError(`permission denied: ${command}`, { code: "CommandNotExecutable", cause: err });
  return new SsoCredsError(`could not start ${command}: ${err.message}`, { code: "CommandFailed", cause: err });
}
