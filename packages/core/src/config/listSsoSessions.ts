import type { SsoSession } from "../types.js";
import type { SharedConfig } from "./loadSharedConfig.js";
import { resolveSsoSession } from "./resolveSsoSession.js";

/** Every complete `[sso-session NAME]` (with sso_start_url and sso_region), in file order; incomplete ones are skipped. */
export function listSsoSessions(config: SharedConfig): SsoSession[] {
  const out: SsoSession[] = [];
  for (const name of Object.keys(config.ssoSessions)) {
    try {
      out.push(resolveSsoSession(config, { ssoSession: name }));
    } catch {
      // incomplete section: resolving it by name reports what is missing
    }
  }
  return out;
}
