import type { ServerResponse } from "node:http";
import { sendJson } from "./http.js";

// aws-sso-facts §2.6: status per modeled error, and the OAuth error code the body carries.
const OIDC_ERRORS: Record<string, [status: number, error: string]> = {
  AccessDeniedException: [400, "access_denied"],
  AuthorizationPendingException: [400, "authorization_pending"],
  ExpiredTokenException: [400, "expired_token"],
  InvalidClientException: [401, "invalid_client"],
  InvalidClientMetadataException: [400, "invalid_client_metadata"],
  InvalidGrantException: [400, "invalid_grant"],
  InvalidRedirectUriException: [400, "invalid_redirect_uri"],
  InvalidRequestException: [400, "invalid_request"],
  InvalidRequestRegionException: [400, "invalid_request"],
  InvalidScopeException: [400, "invalid_scope"],
  SlowDownException: [400, "slow_down"],
  UnauthorizedClientException: [400, "unauthorized_client"],
  UnsupportedGrantTypeException: [400, "unsupported_grant_type"],
  InternalServerException: [500, "server_error"],
};

export type OidcErrorType = keyof typeof OIDC_ERRORS;

export function isOidcErrorType(type: string): type is OidcErrorType {
  return Object.hasOwn(OIDC_ERRORS, type);
}

/**
 * As the real service answers: the class only in x-amzn-errortype (with its coral suffix), `error`/`error_description`
 * in the body, plus `message` so the JS SDK shows a readable message (botocore is unaffected, facts §2.6).
 */
export function sendOidcError(res: ServerResponse, type: OidcErrorType, description: string): void {
  const [status, error] = OIDC_ERRORS[type] ?? [400, "invalid_request"];
  sendJson(res, status, { error, error_description: description, message: description }, `${type}:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/`);
}
