import type { SsoSession } from "../types.js";
import type { SharedConfig } from "./loadSharedConfig.js";
import { listSsoSessions } from "./listSsoSessions.js";

/** Something `sso login` can log in to: an sso-session, or a legacy profile's own sso_start_url + sso_region. */
export interface LoginTarget {
  session: SsoSession;
  /** For a legacy start URL: the first profile that names it (`sso login --profile P` logs in to it). */
  legacyProfile?: string;
}

/**
 * Every token the config can have: each complete [sso-session] (listSsoSessions), then each distinct start URL of a
 * legacy SSO profile (sso_start_url and sso_region, no sso_session), whose token is cached under the start URL
 * (aws-sso-facts §2). Used where every login is listed (`sso status` with nothing named).
 */
export function listLoginTargets(config: SharedConfig): LoginTarget[] {
  const out: LoginTarget[] = listSsoSessions(config).map((session) => ({ session }));
  const seen = new Set<string>();
  for (const [profileName, p] of Object.entries(config.profiles)) {
    if (p.sso_session !== undefined || typeof p.sso_start_url !== "string" || !p.sso_start_url) continue;
    if (typeof p.sso_region !== "string" || !p.sso_region || seen.has(p.sso_start_url)) continue;
    seen.add(p.sso_start_url);
    out.push({ session: { name: undefined, startUrl: p.sso_start_url, region: p.sso_region, registrationScopes: undefined }, legacyProfile: profileName });
  }
  return out;
}
