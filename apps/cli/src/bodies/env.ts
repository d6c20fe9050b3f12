import { formatCredentialsEnv, resolveProfileCredentials, writeAll, type CoreDeps, type EnvFormat, type LockOptions, type ProfileCredentials } from "@sso-creds/core";
import { mfaPrompt } from "../mfaPrompt.js";

export interface EnvFlags {
  profile?: string | undefined;
  region?: string | undefined;
  format?: string | undefined;
}

/** `sso env` (without --write-credentials), shared by the oclif command and the fast path: the variables, quoted for the shell. */
export async function printEnv(deps: CoreDeps, flags: EnvFlags, options: { lock?: LockOptions | undefined } = {}): Promise<ProfileCredentials> {
  const resolved = await resolveProfileCredentials(deps, { profile: flags.profile, region: flags.region, mfaCode: mfaPrompt(deps.env), lock: options.lock });
  writeAll(1, formatCredentialsEnv(resolved.credentials, { format: (flags.format ?? "sh") as EnvFormat, region: resolved.region }));
  return resolved;
}
