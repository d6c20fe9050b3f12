import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

export interface WorkerResult {
  ok: boolean;
  result?: unknown;
  error?: { name?: string; code?: string; message?: string };
  sdk: string[];
  stderr: string;
  exitCode: number | null;
}

/**
 * Run credentialsWorker.ts in `count` real Node processes at once (the Node running the tests, stripping types);
 * `wrap` runs each under a command that ends by running its arguments (e.g. `unshare -m sh -c '…; exec "$@"' sh`).
 */
export function spawnWorkers(count: number, job: Record<string, unknown>, env: Record<string, string>, wrap: string[] = []): Promise<WorkerResult[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<WorkerResult>((resolve, reject) => {
          const [command, ...args] = [...wrap, process.execPath, "--no-warnings", "--import", join(here, "tsHooks.mjs"), join(here, "credentialsWorker.ts"), JSON.stringify(job)];
          const child = spawn(command!, args, {
            env: { PATH: process.env.PATH ?? "", ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}), ...env },
            stdio: ["ignore", "pipe", "pipe"],
          });
          let stdout = "";
          let stderr = "";
          child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
          child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
          child.on("error", reject);
          child.on("close", (exitCode) => {
            try {
              resolve({ ...(JSON.parse(stdout.trim().split("\n").pop() ?? "") as Omit<WorkerResult, "stderr" | "exitCode">), stderr, exitCode });
            } catch {
              resolve({ ok: false, sdk: [], error: { message: `no result; stderr: ${stderr.slice(0, 500)}` }, stderr, exitCode });
            }
          });
        }),
    ),
  );
}
