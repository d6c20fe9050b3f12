import { ServiceError, SsoCredsError, TokenError } from "../errors.js";
import { loginFixCommand } from "../token/index.js";
import type { SsoSession } from "../types.js";
import { networkErrorCode } from "./networkErrorCode.js";

export { networkErrorCode };

/**
 * Turn an SDK failure into one line a user can act on. Service messages are short AWS texts; SDK errors
 * never carry our tokens or secrets in `name`/`message`, and we add none.
 */
export function toServiceError(e: unknown, what: string, endpoint: string | undefined, session: SsoSession, profileName?: string): SsoCredsError {
  if (e instanceof SsoCredsError) return e;
  const where = endpoint ?? (what.startsWith("SSO-OIDC") ? `https://oidc.${session.region}.amazonaws.com` : `https://portal.sso.${session.region}.amazonaws.com`);
  const net = networkErrorCode(e);
  if (net) {
    const envVar = what.startsWith("SSO-OIDC") ? "AWS_ENDPOINT_URL_SSO_OIDC" : "AWS_ENDPOINT_URL_SSO";
    const reason = net === "ECONNREFUSED" ? "connection refused" : net;
    // No command fixes a network fault: say what to check instead of a "Run:" line.
    return new ServiceError(`Cannot reach ${what} at ${where} (${reason}); check the network${endpoint ? ` and ${envVar}` : ""}.`, {
      code: "NetworkError",
      cause: e,
    });
  }
  const name = typeof e === "object" && e !== null && "name" in e ? String((e as { name: unknown }).name) : "Error";
  const raw = typeof e === "object" && e !== null ? ((e as { error_description?: unknown }).error_description ?? (e as { message?: unknown }).message) : undefined;
  const detail = typeof raw === "string" && raw && raw !== "UnknownError" ? `: ${raw.split("\n")[0]}` : "";
  if (name === "UnauthorizedException" || name === "InvalidGrantException" || name === "InvalidClientException" || name === "AccessDeniedException") {
    return new TokenError(`${what} rejected the request (${name}${detail}).`, { code: name, fix: loginFixCommand(session, { profileName }), cause: e });
  }
  return new ServiceError(`${what} call failed (${name}${detail}).`, { code: name, cause: e });
}
