import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The workspace's bins, by the command name a user types. */
export const bins = {
  sso: join(root, "apps/cli/bin/run.js"),
  "sso-credential-process": join(root, "apps/credential-process/bin/sso-credential-process"),
  "sso-emulator": join(root, "packages/emulator/bin/sso-emulator"),
};

/** The packages a release publishes, by workspace directory. */
export const publishable = {
  "@sso-creds/core": "packages/core",
  "@sso-creds/emulator": "packages/emulator",
  "@sso-creds/cli": "apps/cli",
  "@sso-creds/credential-process": "apps/credential-process",
};

/** npm as the machine has it (its own JS, run by whichever Node the test picks). */
export const npmCli = realpathSync(spawnSync("sh", ["-c", "command -v npm"], { encoding: "utf8" }).stdout.trim() || "/usr/bin/npm");
export const npxCli = join(dirname(npmCli), "npx-cli.js");

/**
 * The machine's global npmrc (its CA bundle for the registry, for one). `--prefix` would move npm's globalconfig
 * into the empty prefix, so the installs name it: a user's npm reads it as well. Asked of npm as the machine runs it:
 * with the machine's node (npm puts its globalconfig under the running node's prefix, here the project's .tools/)
 * and without the npm_* variables pnpm sets for the test run.
 */
export const machineNpmrc = spawnSync("npm", ["config", "get", "globalconfig"], {
  encoding: "utf8",
  env: {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
    PATH: userPath([]),
  },
}).stdout.trim();

/**
 * Node 22 from the npm registry (./dev test installs it into .tools/node22 and sets SSO_CREDS_TEST_NODE22); the
 * suite runs on the project's Node 24.
 */
export function nodes(): { major: number; path: string }[] {
  const node22 = process.env.SSO_CREDS_TEST_NODE22 ?? join(root, ".tools/node22/node_modules/.bin/node");
  if (!existsSync(node22)) throw new Error(`no Node 22 at ${node22}: run the tests with ./dev test (it installs it)`);
  return [
    { major: 22, path: node22 },
    { major: 24, path: process.execPath },
  ];
}

/**
 * A PATH as a user's shell has it with `node` being the given one: the prefix's bin first, then that Node, then the
 * machine's PATH without the project's tools (no workspace node_modules/.bin, no .tools).
 */
export function userPath(first: string[]): string {
  const rest = (process.env.PATH ?? "").split(delimiter).filter((d) => d && !d.includes("node_modules") && !d.includes(".tools"));
  return [...first, ...rest, "/usr/bin", "/bin"].join(delimiter);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export function run(cmd: string, args: string[], opts: { cwd?: string; env: NodeJS.ProcessEnv; timeout?: number; input?: string }): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { encoding: "utf8", timeout: opts.timeout ?? 180_000, cwd: opts.cwd, env: opts.env, input: opts.input ?? "" });
}

/** run(), without blocking this process: for installs that may go on side by side. */
export function runAsync(cmd: string, args: string[], opts: { cwd?: string; env: NodeJS.ProcessEnv; timeout?: number }): Promise<SpawnSyncReturns<string>> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"], timeout: opts.timeout ?? 180_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("close", (status, signal) => resolve({ pid: child.pid ?? 0, output: [null, stdout, stderr], stdout, stderr, status, signal }));
  });
}

/** Throws with the command's output unless it exited 0. */
export function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Starts an sso-emulator bin (auto-approving sign-ins); resolves with its URL, start URL and region. */
export function startEmulatorBin(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; startUrl: string; region: string; stop: () => void }> {
  const child = spawn(cmd, [...args, "--port", "0", "--auto-approve", "--quiet"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) => {
      const info = JSON.parse(line) as { url: string; startUrl: string; region: string };
      resolve({ ...info, stop: () => child.kill("SIGTERM") });
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code} before it started: ${err}`)));
  });
}

/** ~/.aws/config for the emulator: an SSO profile, a second role, and a credential_process profile on top of it. */
export function emulatorConfig(info: { startUrl: string; region: string }): string {
  return `[profile demo]
sso_session = demo
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = ${info.region}

[profile demo-ro]
sso_session = demo
sso_account_id = 111111111111
sso_role_name = ReadOnlyAccess
region = ${info.region}

[profile cp]
credential_process = sso-credential-process --profile demo-ro
region = ${info.region}

[sso-session demo]
sso_start_url = ${info.startUrl}
sso_region = ${info.region}
sso_registration_scopes = sso:account:access
`;
}
