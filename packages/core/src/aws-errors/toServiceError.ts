import { ServiceError, SsoCredsError, TokenError } from "../errors.js";
import { awsErrorInfo } from "./awsErrorInfo.js";
import { operationLabel, type ServiceCall } from "./serviceCall.js";
import { unreachableError } from "./unreachableError.js";

/** Exceptions that mean the token or client registration is no good: signing in again fixes them. */
const REJECTED = new Set(["UnauthorizedException", "InvalidGrantException", "InvalidClientException", "AccessDeniedException"]);

/**
 * Turn an SDK failure of a call with no rules of its own (sign-in, portal listing) into one line a user can act on.
 * Service messages are short AWS texts; SDK errors never carry our tokens or secrets in `name`/`message`, and we add none.
 * `loginFix` is the command that signs in again, shown when the service rejected the token or registration.
 */
export function toServiceError(e: unknown, call: ServiceCall, loginFix: string): SsoCredsError {
  if (e instanceof SsoCredsError) return e;
  const info = awsErrorInfo(e);
  const what = operationLabel(call);
  if (info.networkCode || info.networkFailure) return unreachableError(call, info, `(${call.operation})`);
  const raw = typeof e === "object" && e !== null ? ((e as { error_description?: unknown }).error_description ?? (e as { message?: unknown }).message) : undefined;
  const detail = typeof raw === "string" && raw && raw !== "UnknownError" ? `: ${raw.split("\n")[0]}` : "";
  if (REJECTED.has(info.name)) {
    return new TokenError(`${what} rejected the request (${info.name}${detail}).`, { code: info.name, fix: loginFix, cause: e });
  }
  return new ServiceError(`${what} call failed (${info.name}${detail}).`, { code: info.name, cause: e });
}
