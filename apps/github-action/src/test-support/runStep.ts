import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST_DIR = join(APP_DIR, "dist");

export interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Parsed $GITHUB_ENV, $GITHUB_OUTPUT and $GITHUB_STATE (last value of each name wins, as on the runner). */
  env: Record<string, string>;
  outputs: Record<string, string>;
  state: Record<string, string>;
}

/**
 * Run a bundled entry point the way the Actions runner does: a fresh Node process, inputs as INPUT_<NAME> with the
 * name upper-cased and hyphens kept, file commands through GITHUB_ENV/GITHUB_OUTPUT/GITHUB_STATE, saved state as STATE_<name>.
 */
export async function runStep(
  script: "main" | "post",
  options: { inputs?: Record<string, string>; env?: Record<string, string>; state?: Record<string, string> },
): Promise<StepResult> {
  const dir = await mkdtemp(join(tmpdir(), "gha-step-"));
  try {
    const files = { GITHUB_ENV: join(dir, "env"), GITHUB_OUTPUT: join(dir, "output"), GITHUB_STATE: join(dir, "state") };
    for (const path of Object.values(files)) await writeFile(path, "");
    const env: Record<string, string> = { PATH: process.env.PATH ?? "", ...files, ...options.env };
    for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = value;
    for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
    const child = spawn(process.execPath, [join(DIST_DIR, `${script}.js`)], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const code = await new Promise<number | null>((res, rej) => child.on("error", rej).on("close", res));
    return {
      code,
      stdout,
      stderr,
      env: parseFileCommands(await readFile(files.GITHUB_ENV, "utf8")),
      outputs: parseFileCommands(await readFile(files.GITHUB_OUTPUT, "utf8")),
      state: parseFileCommands(await readFile(files.GITHUB_STATE, "utf8")),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Parse `NAME<<DELIMITER\nvalue\nDELIMITER` blocks the way the runner does; anything else is an error. */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") continue;
    const m = /^([^=<]+)<<(.+)$/.exec(line);
    if (!m) throw new Error(`file command line ${i + 1} is not in NAME<<DELIMITER form`);
    const [, name, delimiter] = m;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
    if (i >= lines.length) throw new Error(`file command for ${name} has no closing delimiter`);
    result[name!] = value.join("\n");
  }
  return result;
}

/**
 * Fails unless every secret is announced with ::add-mask:: before it appears anywhere else on stdout
 * (the runner masks only what it has been told about before the line is printed).
 */
export function expectMaskedBeforeUse(stdout: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (!secret) throw new Error("empty secret in the list");
    const mask = stdout.indexOf(`::add-mask::${secret}\n`);
    if (mask < 0) throw new Error(`a secret (${secret.length} chars) was never masked`);
    const first = stdout.indexOf(secret);
    if (first !== mask + "::add-mask::".length) throw new Error(`a secret (${secret.length} chars) appeared on stdout before its ::add-mask::`);
  }
}
