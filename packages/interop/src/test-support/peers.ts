import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { AWS_CLI_V2 } from "./requirePeers.js";
import type { InteropWorld } from "./startInteropWorld.js";

/** The emulator's start URL (one definition, in the emulator). */
export { DEFAULT_START_URL as START_URL } from "@sso-creds/emulator";
import { DEFAULT_START_URL as START_URL } from "@sso-creds/emulator";
export const SESSION = "my-sso";

/** As `aws configure sso` writes it: an sso-session profile (refreshable token) and a legacy one (start URL in the profile). */
export const CONFIG = `[profile dev]
sso_session = ${SESSION}
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = us-east-1

[profile legacy]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 222222222222
sso_role_name = ReadOnlyAccess
region = us-east-1

[sso-session ${SESSION}]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

/** apps/cli/bin/run.js of the workspace (the `sso` bin). */
export const RUN_JS = join(dirname(createRequire(import.meta.url).resolve("@sso-creds/cli/package.json")), "bin", "run.js");

export interface PeerHome {
  home: string;
  ssoCache: string;
  cliCache: string;
  /** ~/.aws/sso/cache/<sha1(name)>.json: the token file of an sso-session name or legacy start URL. */
  tokenFile(nameOrStartUrl?: string): string;
  /** Names of the *.json files in a cache directory (none when it does not exist). */
  files(dir: string): Promise<string[]>;
  cleanup(): Promise<void>;
}

/** A throwaway HOME shared by every peer: one ~/.aws/config, one ~/.aws/sso/cache, one ~/.aws/cli/cache. */
export async function makePeerHome(config = CONFIG): Promise<PeerHome> {
  const home = await mkdtemp(join(tmpdir(), "sso-interop-home-"));
  await mkdir(join(home, ".aws"), { recursive: true });
  await writeFile(join(home, ".aws", "config"), config);
  const ssoCache = join(home, ".aws", "sso", "cache");
  return {
    home,
    ssoCache,
    cliCache: join(home, ".aws", "cli", "cache"),
    tokenFile: (name = SESSION) => join(ssoCache, `${sha1(name)}.json`),
    files: async (dir) => (existsSync(dir) ? (await readdir(dir)).filter((f) => f.endsWith(".json")).sort() : []),
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs argv in a private mount namespace whose /etc/hosts sends the AWS hostnames to 127.0.0.1, with only the
 * environment a user's shell would give (no endpoint overrides: every peer uses its default endpoints).
 * Asynchronous on purpose: the emulator answering the peer lives in this process.
 */
export function inNamespace(world: InteropWorld, home: PeerHome, argv: string[], env: Record<string, string> = {}): Promise<Run> {
  const script = 'mount --bind "$0" /etc/hosts && exec "$@"';
  return runCollected(["unshare", "-m", "--propagation", "private", "--", "/bin/sh", "-c", script, world.hostsFile, ...argv], {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home.home,
    LANG: "C.UTF-8",
    TZ: "UTC",
    AWS_CA_BUNDLE: world.caFile,
    NODE_EXTRA_CA_CERTS: world.caFile,
    AWS_EC2_METADATA_DISABLED: "true",
    PYTHONDONTWRITEBYTECODE: "1",
    ...env,
  });
}

/** Runs argv with exactly `env`, collecting its output; killed after `timeoutMs`. stdin: `stdin` piped in, else none. */
export function runCollected(argv: string[], env: Record<string, string>, options: { stdin?: string; timeoutMs?: number } = {}): Promise<Run> {
  const child = spawn(argv[0]!, argv.slice(1), { env, stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 90_000);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** r, if it exited 0; else an error naming `what` with its stderr. */
export function ok(r: Run, what: string): Run {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr.trim()}`);
  return r;
}

/** A user error: exit 1 and exactly one line on stderr, no stack trace; that line. */
export function oneLine(r: Run): string {
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

/** The real AWS CLI v2 (/usr/bin/aws 2.9.19). */
export const aws = (world: InteropWorld, home: PeerHome, args: string[], env?: Record<string, string>) => inNamespace(world, home, [AWS_CLI_V2, ...args], env);

/** Our CLI, built, as a user runs it. */
export const sso = (world: InteropWorld, home: PeerHome, args: string[], env?: Record<string, string>) =>
  inNamespace(world, home, [process.execPath, RUN_JS, ...args], env);

/** A python3 script with botocore/boto3 1.43; arguments land in sys.argv[1:]. */
export const python = (world: InteropWorld, home: PeerHome, script: string, args: string[] = []) => inNamespace(world, home, [world.python, "-c", script, ...args]);

const JS_SSO = createRequire(import.meta.url).resolve("@aws-sdk/credential-provider-sso");
// The JS SDK's fromSSO with its default clients and endpoints: it refreshes an sso-session token within 5 minutes of
// expiry and writes it back (its own format: 2-space JSON, milliseconds in expiresAt).
const JS_FROM_SSO = `
const { fromSSO } = await import(process.argv[1]);
try {
  const c = await fromSSO({ profile: process.argv[2] })();
  process.stdout.write(JSON.stringify({ accessKeyId: c.accessKeyId }));
} catch (e) {
  process.stdout.write(JSON.stringify({ error: e.name, message: e.message }));
  process.stderr.write(e.name + ": " + e.message + "\\n");
  process.exitCode = 3;
}`;

/** The JS SDK (@aws-sdk/credential-provider-sso fromSSO) getting credentials for a profile. */
export const jsSdk = (world: InteropWorld, home: PeerHome, profile: string) =>
  inNamespace(world, home, [process.execPath, "--input-type=module", "-e", JS_FROM_SSO, JS_SSO, profile]);

export function sha1(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("hex");
}

/** A short stand-in for a secret, so assertions compare secrets without printing them. */
export function fingerprint(secret: string | undefined): string {
  return secret === undefined ? "(none)" : createHash("sha256").update(secret).digest("hex").slice(0, 16);
}

export async function readJson<T = Record<string, unknown>>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, "utf8")) as T;
}

/** `sso env` (sh format) parsed back into its variables. */
export function parseShEnv(stdout: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of stdout.matchAll(/^export ([A-Z_]+)='((?:[^']|'\\'')*)'$/gm)) vars[m[1]!] = m[2]!.replace(/'\\''/g, "'");
  return vars;
}
