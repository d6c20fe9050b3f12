import { resolveProfileName, type CoreDeps } from "@sso-creds/core";

/** --profile, else AWS_PROFILE / AWS_DEFAULT_PROFILE; undefined when none is given (commands then pick the sso-session). */
export function profileFromFlagsOrEnv(deps: CoreDeps, explicit: string | undefined): string | undefined {
  if (explicit) return resolveProfileName(deps, explicit);
  return deps.env.AWS_PROFILE || deps.env.AWS_DEFAULT_PROFILE ? resolveProfileName(deps) : undefined;
}
