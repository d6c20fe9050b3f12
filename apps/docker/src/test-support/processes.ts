import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** Resolves once stdout contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  done: Promise<Finished>;
}

/** Starts a process, collecting its output (never printed: it may hold credentials). */
export function start(command: string, args: string[], options: { env: Record<string, string | undefined>; cwd?: string }): Running {
  const child = spawn(command, args, { env: options.env as NodeJS.ProcessEnv, cwd: options.cwd ?? APP_DIR, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout!.on("data", (d: Buffer) => {
    stdout += d.toString();
    for (const w of waiters.filter((w) => stdout.includes(w.text))) w.resolve();
  });
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Finished>((res, rej) => {
    child.once("error", rej);
    child.once("close", (code, signal) => res({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    waitFor: (text, timeoutMs = 20_000) =>
      new Promise<void>((res, rej) => {
        if (stdout.includes(text)) return res();
        const timer = setTimeout(() => rej(new Error(`timed out waiting for ${JSON.stringify(text)}; stderr: ${stderr.slice(0, 500)}`)), timeoutMs);
        waiters.push({ text, resolve: () => (clearTimeout(timer), res()) });
        void done.then(() => rej(new Error(`exited before printing ${JSON.stringify(text)}; stderr: ${stderr.slice(0, 500)}`)));
      }),
  };
}

export const run = (command: string, args: string[], options: { env: Record<string, string | undefined>; cwd?: string }): Promise<Finished> => start(command, args, options).done;

/** Bundles the entry point and sso-whoami from the current source into a fresh directory, as the image gets them. */
export async function bundle(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), "sso-creds-docker-dist-"));
  await promisify(execFile)(process.execPath, [join(APP_DIR, "scripts/bundle.mjs"), out]);
  return out;
}
