import type { CoreDeps } from "../deps.js";

// botocore: Session.profile; JS SDK: shared-ini-file-loader getProfileName
/** The profile to use, in AWS CLI v2 order: explicit, AWS_PROFILE, AWS_DEFAULT_PROFILE, "default". */
export function resolveProfileName(deps: Pick<CoreDeps, "env">, explicit?: string): string {
  return explicit || deps.env.AWS_PROFILE || deps.env.AWS_DEFAULT_PROFILE || "default";
}
