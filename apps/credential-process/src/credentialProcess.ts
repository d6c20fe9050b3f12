import {
  shortLivedDeps,
  formatCredentialProcess,
  formatUserLine,
  getRoleCredentials,
  isSsoCredsError,
  loadSharedConfig,
  lockWaitNotice,
  resolveCredentials,
  profileCaBundle,
  resolveEndpoint,
  resolveSsoSession,
  type CoreDeps,
  SsoCredsError,
  type RoleCredentials,
} from "@sso-creds/core";

export interface CredentialProcessArgs {
  profile?: string | undefined;
  ssoSession?: string | undefined;
  accountId?: string | undefined;
  roleName?: string | undefined;
  debug?: boolean;
  /** Where a note while waiting on another process's lock goes at once (default: fd 2). */
  notice?: ((line: string) => void) | undefined;
}

export interface CredentialProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const PROGRAM = "sso-credential-process";

/** Everything but argv parsing and the process streams, so tests can call it in-process too. */
export async function credentialProcess(args: CredentialProcessArgs, deps: CoreDeps = shortLivedDeps()): Promise<CredentialProcessResult> {
  try {
    const creds = await resolve(args, deps);
    return { stdout: `${formatCredentialProcess(creds)}\n`, stderr: "", exitCode: 0 };
  } catch (e) {
    // credential_process callers show stderr verbatim: one line, what is wrong and what to run.
    const line = isSsoCredsError(e) ? e.toUserLine(PROGRAM) : formatUserLine({ program: PROGRAM, message: `unexpected error: ${(e as Error)?.message ?? String(e)}` });
    const debug = args.debug && e instanceof Error && e.stack ? `${e.stack}\n` : "";
    return { stdout: "", stderr: `${line}\n${debug}`, exitCode: 1 };
  }
}

async function resolve(args: CredentialProcessArgs, deps: CoreDeps): Promise<RoleCredentials> {
  const direct = args.ssoSession !== undefined || args.accountId !== undefined || args.roleName !== undefined;
  const lock = lockWaitNotice(deps, "sso-credential-process", args.notice ?? ((line) => process.getBuiltinModule("node:fs").writeSync(2, line)));
  if (!direct) return resolveCredentials(deps, { profile: args.profile, asCredentialProcess: true, lock });
  if (args.profile !== undefined) throw usage("use either --profile or --sso-session with --account-id and --role-name, not both.");
  if (!args.ssoSession || !args.accountId || !args.roleName) {
    throw usage("--sso-session, --account-id and --role-name go together: give all three.");
  }
  const config = await loadSharedConfig(deps);
  const session = resolveSsoSession(config, { ssoSession: args.ssoSession });
  return getRoleCredentials(
    deps,
    {
      profileName: `${args.ssoSession}/${args.accountId}/${args.roleName}`,
      session,
      accountId: args.accountId,
      roleName: args.roleName,
      region: undefined,
    },
    { ssoEndpoint: resolveEndpoint(deps, config, "sso"), oidcEndpoint: resolveEndpoint(deps, config, "sso_oidc"), lock, caBundle: profileCaBundle(deps, config) },
  );
}

function usage(message: string): SsoCredsError {
  return new SsoCredsError(message, { code: "UsageError" });
}
