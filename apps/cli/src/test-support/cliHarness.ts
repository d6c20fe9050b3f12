import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The emulator's start URL (one definition, in the emulator). */
export { DEFAULT_START_URL as START_URL } from "@sso-creds/emulator";
import { DEFAULT_START_URL as START_URL } from "@sso-creds/emulator";
export const RUN_JS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "run.js");

export const CONFIG = `[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = us-west-2

[profile static]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[sso-session my-sso]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

export interface CliHome {
  home: string;
  ssoCache: string;
  cliCache: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** A temp HOME with ~/.aws/config (unless config is null) and an env that points every SSO client at `endpoint`. */
export async function makeHome(endpoint: string, config: string | null = CONFIG): Promise<CliHome> {
  const home = await mkdtemp(join(tmpdir(), "sso-cli-home-"));
  if (config !== null) {
    await mkdir(join(home, ".aws"), { recursive: true });
    await writeFile(join(home, ".aws", "config"), config);
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    AWS_ENDPOINT_URL_SSO: endpoint,
    AWS_ENDPOINT_URL_SSO_OIDC: endpoint,
    AWS_ENDPOINT_URL_STS: endpoint,
    // Never reach out for EC2 metadata or real AWS settings while tests run.
    AWS_EC2_METADATA_DISABLED: "true",
  };
  return {
    home,
    ssoCache: join(home, ".aws", "sso", "cache"),
    cliCache: join(home, ".aws", "cli", "cache"),
    env,
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI as a user would: `node apps/cli/bin/run.js ...args` (or another entry script, `bin`). */
export function runCli(
  args: string[],
  env: Record<string, string>,
  options: { onStderr?: (chunk: string, all: string) => void; input?: string; bin?: string } = {},
): Promise<CliRun> & { kill(): void } {
  const child = spawn(process.execPath, [options.bin ?? RUN_JS, ...args], { env, stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
  if (options.input !== undefined) child.stdin!.end(options.input);
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
    options.onStderr?.(d, stderr);
  });
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return Object.assign(done, { kill: () => void child.kill() });
}

/** Everything secret-looking a run could leak: token and key values from files the test knows. */
export function assertNoSecrets(text: string, secrets: Array<string | undefined>): void {
  for (const s of secrets) {
    if (s && text.includes(s)) throw new Error(`output leaked a secret (${s.slice(0, 4)}…)`);
  }
}
