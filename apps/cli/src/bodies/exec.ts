import { envForChild, NESTED_PROFILE_ENV, resolveProfileCredentials, runWithEnv, SHELL_USE_ENV, SsoCredsError, type CoreDeps, type LockOptions } from "@sso-creds/core";
import { mfaPrompt } from "../mfaPrompt.js";

export interface ExecFlags {
  profile?: string | undefined;
  region?: string | undefined;
  "allow-nested"?: boolean | undefined;
}

/** Refuse to run inside another `sso exec` unless --allow-nested: the inner credentials would replace the outer ones. */
export function checkNotNested(deps: CoreDeps, allowNested: boolean | undefined): void {
  const outer = deps.env[NESTED_PROFILE_ENV];
  // A shell `sso use` set up may switch to another profile; a shell `sso exec` started may not nest one.
  if (outer && !deps.env[SHELL_USE_ENV] && !allowNested) {
    throw new SsoCredsError(`Already inside sso exec for profile ${outer}; nested credentials would replace them.`, {
      fix: `exit the outer shell first, or add --allow-nested`,
      code: "NestedExec",
    });
  }
}

/** `sso exec -- COMMAND` with static credentials, shared by the oclif command and the fast path: the command's exit code. */
export async function execCommand(deps: CoreDeps, flags: ExecFlags, program: string, args: readonly string[], options: { lock?: LockOptions | undefined } = {}): Promise<number> {
  checkNotNested(deps, flags["allow-nested"]);
  const { profileName, region, credentials } = await resolveProfileCredentials(deps, { profile: flags.profile, region: flags.region, mfaCode: mfaPrompt(deps.env), lock: options.lock });
  return runWithEnv(program, args, envForChild(deps.env, credentials, { profile: profileName, region }));
}
