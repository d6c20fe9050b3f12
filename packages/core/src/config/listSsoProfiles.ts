import type { SsoProfile } from "../types.js";
import type { SharedConfig } from "./loadSharedConfig.js";
import { resolveSsoProfile } from "./resolveSsoProfile.js";

/** Every profile that resolves to IAM Identity Center role credentials; incomplete or non-SSO profiles are skipped. */
export function listSsoProfiles(config: SharedConfig): SsoProfile[] {
  const out: SsoProfile[] = [];
  for (const name of Object.keys(config.profiles)) {
    try {
      out.push(resolveSsoProfile(config, name));
    } catch {
      // not an SSO profile, or incomplete: resolving it by name reports why
    }
  }
  return out;
}
