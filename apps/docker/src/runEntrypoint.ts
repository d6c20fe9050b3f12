import {
  defaultDeps,
  envForChild,
  envForCredentialServer,
  formatUserLine,
  runWithEnv,
  serveFreshCredentials,
  SsoCredsError,
  type FreshCredentialServer,
  type RoleCredentials,
} from "@sso-creds/core";
import { assumedCredentials } from "./assumedCredentials.js";
import { readSettings, type Settings } from "./readSettings.js";
import { tokenCredentials, type RoleCredentialSource } from "./tokenCredentials.js";

export interface EntrypointIo {
  env: Record<string, string | undefined>;
  /** One line to stderr, without the newline. */
  error: (line: string) => void;
}

/** Exit status when the entry point itself fails before the command starts (as `docker run` uses 125 for its own). */
export const ENTRYPOINT_FAILED = 125;
/** Settings that only the entry point reads; SSO_TOKEN is a secret the command has no use for. */
const ENTRYPOINT_ONLY = ["SSO_TOKEN"];

/**
 * The container's entry point: resolve role credentials from the handed-over token (and assume the roles the settings
 * name on top of them), then run `argv` (no shell) with them, in the environment (`env` mode) or from a credential
 * endpoint on loopback (`server` mode, refreshed for as long as the token lasts). Signals reach the command; the result
 * is its exit code.
 */
export async function runEntrypoint(argv: readonly string[], io: EntrypointIo): Promise<number> {
  const say = (line: string) => io.error(formatUserLine({ program: "sso-creds", message: line }));
  const deps = defaultDeps({ env: io.env });
  const [command, ...args] = argv;
  let settings: Settings;
  let credentials: RoleCredentialSource;
  let first: RoleCredentials;
  try {
    if (!command) throw new SsoCredsError("No command to run: give it after the image name (docker run ... IMAGE aws s3 ls).", { code: "NoCommand" });
    settings = await readSettings(deps);
    // With SSO_ROLE_TO_ASSUME or a role_arn profile: the assumed role's, re-assumed from fresh SSO role credentials each time.
    credentials = assumedCredentials(deps, settings, tokenCredentials(deps, settings, onceEach(say)));
    // Checked before the command starts: an expired token is one clear line now, not an SDK error later.
    first = await credentials.fetch();
  } catch (e) {
    say(describe(e));
    return ENTRYPOINT_FAILED;
  }

  const base = Object.fromEntries(Object.entries(io.env).filter(([name]) => !ENTRYPOINT_ONLY.includes(name)));
  if (settings.mode === "env") return run(command, args, envForChild(base, first, { profile: settings.label, region: settings.region }), say);

  const report = onceEach(say);
  let server: FreshCredentialServer;
  try {
    server = await serveFreshCredentials({ fetch: credentials.fetch, initial: first, onRefreshError: (e) => report(describe(e)), onError: (e) => report(describe(e)) });
  } catch (e) {
    say(e instanceof SsoCredsError ? e.toUserLine() : `could not start the credential endpoint on 127.0.0.1 (${(e as NodeJS.ErrnoException).code ?? "error"}).`);
    return ENTRYPOINT_FAILED;
  }
  try {
    return await run(command, args, envForCredentialServer(base, server, { profile: settings.label, region: settings.region }), say);
  } finally {
    await server.close();
  }
}

async function run(command: string, args: string[], env: Record<string, string>, say: (line: string) => void): Promise<number> {
  try {
    return await runWithEnv(command, args, env);
  } catch (e) {
    say(describe(e));
    // As shells and docker report them.
    return e instanceof SsoCredsError && e.code === "CommandNotExecutable" ? 126 : e instanceof SsoCredsError && e.code === "CommandNotFound" ? 127 : ENTRYPOINT_FAILED;
  }
}

function describe(e: unknown): string {
  if (e instanceof SsoCredsError) return e.toUserLine();
  // Not ours: its message could quote anything, so only its kind is shown.
  return `unexpected ${e instanceof Error ? e.name : typeof e}; the command was not started or its credentials could not be served.`;
}

/** The same failure repeats on every SDK request; the log needs it once. */
function onceEach(say: (line: string) => void): (line: string) => void {
  const seen = new Set<string>();
  return (line) => {
    if (seen.has(line)) return;
    seen.add(line);
    say(line);
  };
}
