import { ServiceError, SsoCredsError, TokenError } from "../errors.js";
import type { SsoSession } from "../types.js";

/** The command a user runs to log in to this session again. */
export function loginCommandFor(session: SsoSession, profileName?: string): string {
  if (session.name) return `sso login --sso-session ${session.name}`;
  return profileName ? `sso login --profile ${profileName}` : "sso login";
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);

/** The errno-style code of a network failure the SDK passed through, if any. */
export function networkErrorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === "object" && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    const errors = (cur as { errors?: unknown }).errors; // AggregateError from happy-eyeballs connects
    if (Array.isArray(errors)) for (const inner of errors) {
      const c = networkErrorCode(inner);
      if (c) return c;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Turn an SDK failure into one line a user can act on. Service messages are short AWS texts; SDK errors
 * never carry our tokens or secrets in `name`/`message`, and we add none.
 */
export function toServiceError(e: unknown, what: string, endpoint: string | undefined, session: SsoSession, profileName?: string): SsoCredsError {
  if (e instanceof SsoCredsError) return e;
  const where = endpoint ?? `the ${what} endpoint in ${session.region}`;
  const net = networkErrorCode(e);
  if (net) {
    return new ServiceError(`Cannot reach ${what} at ${where} (${net === "ECONNREFUSED" ? "connection refused" : net}).`, {
      code: "NetworkError",
      fix: "check your network, or the AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC settings",
      cause: e,
    });
  }
  const name = typeof e === "object" && e !== null && "name" in e ? String((e as { name: unknown }).name) : "Error";
  const raw = typeof e === "object" && e !== null ? ((e as { error_description?: unknown }).error_description ?? (e as { message?: unknown }).message) : undefined;
  const detail = typeof raw === "string" && raw && raw !== "UnknownError" ? `: ${raw.split("\n")[0]}` : "";
  if (name === "UnauthorizedException" || name === "InvalidGrantException" || name === "InvalidClientException" || name === "AccessDeniedException") {
    return new TokenError(`${what} rejected the request (${name}${detail}).`, { code: name, fix: loginCommandFor(session, profileName), cause: e });
  }
  return new ServiceError(`${what} call failed (${name}${detail}).`, { code: name, cause: e });
}
