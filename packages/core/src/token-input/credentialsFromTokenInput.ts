import { sameStartUrl } from "../config/sameStartUrl.js";
import { fetchRoleCredentials } from "../credentials/fetchRoleCredentials.js";
import type { CoreDeps } from "../deps.js";
import { endpointFromEnv } from "../endpoints/resolveEndpoint.js";
import { CredentialsError, SsoCredsError, TokenError } from "../errors.js";
import { refreshSsoToken } from "../token/refreshSsoToken.js";
import { tokenState } from "../token/tokenState.js";
import type { RoleCredentials, SsoProfile, SsoSession, SsoToken } from "../types.js";
import { TOKEN_INPUT_PROFILE } from "./constants.js";
import { TOKEN_INPUT_FIX } from "./parseTokenInput.js";

export interface TokenInputRequest {
  accountId: string;
  roleName: string;
  /** The start URL the caller expects; a token for another one is refused. Default: the token's startUrl. */
  startUrl?: string | undefined;
  /** sso_region. Default: the token's region. */
  ssoRegion?: string | undefined;
  /** Fail unless the role credentials stay valid this many more seconds. */
  minCredentialSeconds?: number | undefined;
  /** Where the token came from, for messages: "the sso-token input". */
  source: string;
}

export interface TokenInputResult {
  credentials: RoleCredentials;
  /** The token after the call: the refreshed one when `refreshed`. */
  token: SsoToken;
  refreshed: boolean;
  /** The refresh failed but the old token was still valid and was used: worth a warning, not a failure. */
  refreshError?: SsoCredsError | undefined;
}

/**
 * Role credentials from a token handed over as an object (a CI secret, a file copied into a container) rather than
 * found in ~/.aws/sso/cache. Core's own rules decide (tokenState: the 15-minute refresh window and botocore's
 * refreshability; refreshSsoToken; fetchRoleCredentials with the SDK's retries); this adds only what a handed-over
 * token needs: no cache files, the rotated token returned for the caller to store back, and messages that say
 * which input to replace instead of which sso-session to log in to. Endpoints follow AWS_ENDPOINT_URL_SSO /
 * AWS_ENDPOINT_URL_SSO_OIDC in deps.env. Messages never hold a secret.
 */
export async function credentialsFromTokenInput(deps: CoreDeps, token: SsoToken, request: TokenInputRequest): Promise<TokenInputResult> {
  const Source = request.source.charAt(0).toUpperCase() + request.source.slice(1);
  if (request.startUrl && token.startUrl && !sameStartUrl(request.startUrl, token.startUrl)) {
    throw new TokenError(`${Source} is a token for ${token.startUrl}, not for ${request.startUrl}.`, {
      code: "TokenStartUrlMismatch",
      fix: `log in to ${request.startUrl} (sso login), then copy that token file from ~/.aws/sso/cache/ into the secret, or correct sso-start-url`,
    });
  }
  const region = request.ssoRegion ?? token.region;
  if (!region) throw new TokenError(`${Source} has no region; give the IAM Identity Center region explicitly (sso-region).`, { code: "TokenMalformed", fix: TOKEN_INPUT_FIX });
  const session: SsoSession = { name: undefined, startUrl: request.startUrl ?? token.startUrl ?? "", region, registrationScopes: undefined };
  const profile: SsoProfile = { profileName: TOKEN_INPUT_PROFILE, session, accountId: request.accountId, roleName: request.roleName, region: undefined };

  const state = tokenState(token, deps.now());
  let current = token;
  let refreshed = false;
  let refreshError: SsoCredsError | undefined;
  if (state.needsRefresh && state.refreshable) {
    try {
      current = await refreshSsoToken(deps, session, token, { oidcEndpoint: endpointFromEnv(deps.env, "sso_oidc"), fixCommand: TOKEN_INPUT_FIX });
      if (!token.startUrl && !request.startUrl) delete current.startUrl;
      refreshed = true;
    } catch (e) {
      // A token that still works is used as it is, as both SDKs do; an expired one cannot be.
      if (state.expired) {
        const why = e instanceof SsoCredsError ? ` ${e.message}` : "";
        throw new TokenError(`${Source} expired at ${token.expiresAt} and could not be refreshed.${why}`, { code: "TokenExpired", fix: TOKEN_INPUT_FIX, cause: e });
      }
      refreshError = e instanceof SsoCredsError ? e : new TokenError(`Refreshing ${request.source} failed.`, { code: "RefreshFailed", cause: e });
    }
  } else if (state.expired) {
    const why = token.refreshToken && token.clientId && token.clientSecret ? "its client registration has expired (registrationExpiresAt)" : "it has no refresh token";
    throw new TokenError(`${Source} expired at ${token.expiresAt} and cannot be refreshed: ${why}.`, { code: "TokenExpired", fix: TOKEN_INPUT_FIX });
  }

  let credentials: RoleCredentials;
  try {
    credentials = await fetchRoleCredentials(deps, profile, current.accessToken, { ssoEndpoint: endpointFromEnv(deps.env, "sso") });
  } catch (e) {
    throw explain(e, request);
  }
  const remaining = Math.floor((credentials.expiration - deps.now()) / 1000);
  if (request.minCredentialSeconds !== undefined && remaining < request.minCredentialSeconds) {
    throw new CredentialsError(
      `The credentials for role ${request.roleName} in account ${request.accountId} are valid for ${remaining} s, less than the ${request.minCredentialSeconds} s asked for; GetRoleCredentials has no duration parameter (the session duration is the permission set's setting).`,
      { code: "CredentialsTooShort", fix: "lower min-credential-duration, or raise the permission set's session duration in IAM Identity Center" },
    );
  }
  return { credentials, token: current, refreshed, refreshError };
}

/** Core's messages name a profile and an `sso` command; a handed-over token has neither, so say which input to fix. */
function explain(e: unknown, request: TokenInputRequest): unknown {
  if (!(e instanceof SsoCredsError)) return e;
  const reason = /\((\w+)\)\.?$/.exec(e.message)?.[1];
  if (e.code === "RoleNotAvailable") {
    return new CredentialsError(`This token cannot get credentials for role ${request.roleName} in account ${request.accountId}${reason ? ` (${reason})` : ""}.`, {
      code: e.code,
      fix: "check account-id and role-name: the permission set must be assigned to this user in that account (`sso list` shows what the token can reach)",
      cause: e,
    });
  }
  if (e instanceof TokenError) {
    return new TokenError(`IAM Identity Center refused ${request.source}: it expired early, was revoked (signed out), or is for another instance.`, {
      code: e.code,
      fix: TOKEN_INPUT_FIX,
      cause: e,
    });
  }
  return e;
}

