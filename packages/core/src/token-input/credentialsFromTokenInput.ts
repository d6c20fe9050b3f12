import type { CoreDeps } from "../deps.js";
import { CredentialsError, TokenError } from "../errors.js";
import type { RoleCredentials, SsoToken } from "../types.js";
import { TOKEN_REFRESH_WINDOW_MS } from "./constants.js";
import { fetchRoleCredentials } from "./fetchRoleCredentials.js";
import { describeServiceError } from "./describeServiceError.js";
import { TOKEN_INPUT_FIX } from "./parseTokenInput.js";
import { refreshTokenInput } from "./refreshTokenInput.js";

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
}

/**
 * Role credentials from a token handed over as an object (a CI secret, a file copied into a container) rather than
 * found in ~/.aws/sso/cache: refresh it when it is expired or within the refresh window and can be refreshed (the
 * rotated token is returned, for the caller to store back), then GetRoleCredentials. Endpoints follow
 * AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC in deps.env. Messages name `source`, never a secret.
 */
export async function credentialsFromTokenInput(deps: Pick<CoreDeps, "env" | "now">, token: SsoToken, request: TokenInputRequest): Promise<TokenInputResult> {
  const { source } = request;
  const Source = source.charAt(0).toUpperCase() + source.slice(1);
  if (request.startUrl && token.startUrl && !sameStartUrl(request.startUrl, token.startUrl)) {
    throw new TokenError(`${Source} is a token for ${token.startUrl}, not for ${request.startUrl}.`, {
      code: "TokenStartUrlMismatch",
      fix: `log in to ${request.startUrl} (sso login), then copy that token file from ~/.aws/sso/cache/ into the secret, or correct sso-start-url`,
    });
  }
  const region = request.ssoRegion ?? token.region;
  if (!region) throw new TokenError(`${Source} has no region; give the IAM Identity Center region explicitly (sso-region).`, { code: "TokenMalformed" });

  const now = deps.now();
  const expiresAt = Date.parse(token.expiresAt.replace(/UTC$/, "Z"));
  const canRefresh = Boolean(token.refreshToken && token.clientId && token.clientSecret) && !registrationExpired(token, now);
  let current = token;
  let refreshed = false;
  if (expiresAt - now < TOKEN_REFRESH_WINDOW_MS) {
    if (canRefresh) {
      try {
        current = await refreshTokenInput(deps, token, { region, endpoint: endpoint(deps.env, "SSO_OIDC"), source });
        refreshed = true;
      } catch (e) {
        // A token that still works is used as it is, as both SDKs do; an expired one cannot be.
        if (expiresAt <= now) {
          const reason = describeServiceError(e instanceof TokenError && e.cause ? e.cause : e);
          const hint = reason.network ? "" : ": the refresh token was already used or revoked, or the session reached its limit";
          throw new TokenError(`${Source} expired at ${token.expiresAt} and its refresh failed (${reason.text})${hint}.`, {
            code: "TokenExpired",
            fix: TOKEN_INPUT_FIX,
            cause: e,
          });
        }
      }
    } else if (expiresAt <= now) {
      const missing = token.refreshToken && token.clientId && token.clientSecret ? "its client registration has expired" : "it has no refresh token";
      throw new TokenError(`${Source} expired at ${token.expiresAt} and cannot be refreshed: ${missing}.`, { code: "TokenExpired", fix: TOKEN_INPUT_FIX });
    }
  }

  const credentials = await fetchRoleCredentials(current.accessToken, {
    accountId: request.accountId,
    roleName: request.roleName,
    region,
    endpoint: endpoint(deps.env, "SSO"),
    source,
  });
  const remaining = Math.floor((credentials.expiration - deps.now()) / 1000);
  if (request.minCredentialSeconds !== undefined && remaining < request.minCredentialSeconds) {
    throw new CredentialsError(
      `The credentials for role ${request.roleName} in account ${request.accountId} are valid for ${remaining} s, less than the ${request.minCredentialSeconds} s asked for; GetRoleCredentials has no duration parameter (the session duration is the permission set's setting).`,
      { code: "CredentialsTooShort", fix: "lower min-credential-duration, or raise the permission set's session duration in IAM Identity Center" },
    );
  }
  return { credentials, token: current, refreshed };
}

function registrationExpired(token: SsoToken, now: number): boolean {
  if (!token.registrationExpiresAt) return false; // JS SDK ignores it; botocore needs it. Try, the service decides.
  const at = Date.parse(token.registrationExpiresAt.replace(/UTC$/, "Z"));
  return !Number.isNaN(at) && at <= now;
}

/** The endpoint override both SDKs honour: AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL. */
function endpoint(env: Record<string, string | undefined>, service: "SSO" | "SSO_OIDC"): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === "true") return undefined;
  return env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL || undefined;
}

/** Compared as written, except a trailing slash or "#/": a copy-paste accident, not another instance. */
function sameStartUrl(a: string, b: string): boolean {
  const norm = (u: string) => u.trim().replace(/#\/?$/, "").replace(/\/+$/, "").toLowerCase();
  return norm(a) === norm(b);
}
