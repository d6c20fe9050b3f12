import type { ConfigSection } from "./loadSharedConfig.js";

// botocore: AssumeRoleProvider._has_assume_role_config_vars; JS SDK: credential-provider-ini isAssumeRoleProfile
/** A profile botocore's AssumeRoleProvider handles: it has role_arn (tried before SSO in both SDKs' chains). */
export function isAssumeRoleProfile(profile: ConfigSection | undefined): boolean {
  return typeof profile?.role_arn === "string" && profile.role_arn !== "";
}
