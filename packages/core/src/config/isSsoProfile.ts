import type { ConfigSection } from "./loadSharedConfig.js";

const SSO_KEYS = ["sso_session", "sso_start_url", "sso_region", "sso_account_id", "sso_role_name"] as const;

/** True when the profile carries any sso_* setting (the JS SDK's test; botocore's SSOProvider needs role or account). */
export function isSsoProfile(profile: ConfigSection | undefined): boolean {
  return profile !== undefined && SSO_KEYS.some((k) => typeof profile[k] === "string");
}

/**
 * The sso_* keys that sit beside `credential_process` in one profile. botocore tries SSO before the process
 * provider, the JS SDK the other way round, so such a profile means different things to different tools.
 */
export function credentialProcessConflicts(profile: ConfigSection | undefined): string[] {
  if (!profile || typeof profile.credential_process !== "string") return [];
  return SSO_KEYS.filter((k) => typeof profile[k] === "string");
}
