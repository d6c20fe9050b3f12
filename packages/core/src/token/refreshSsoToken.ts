import type { CoreDeps } from "../deps.js";
import { ServiceError, TokenError } from "../errors.js";
import { awsClientConfig, type NetworkOptions } from "../network/awsClientConfig.js";
import type { SsoSession, SsoToken } from "../types.js";
import { awsErrorInfo, unreachableError } from "../aws-errors/index.js";
import { describeSession, loginFixCommand, type LoginHint } from "./loginFixCommand.js";
import { formatAwsTimestamp } from "./parseAwsTimestamp.js";

export interface RefreshOptions extends LoginHint, NetworkOptions {
  /** SSO-OIDC endpoint URL (AWS_ENDPOINT_URL_SSO_OIDC etc., resolved by the caller); default: AWS's for session.region. */
  oidcEndpoint?: string | undefined;
}

// botocore: SSOTokenProvider._refresh_access_token, SSOTokenProvider._attempt_create_token; JS SDK: token-providers getNewSsoOidcToken
/**
 * Exchange the refresh token for a new access token (SSO-OIDC CreateToken, grant refresh_token) and return the
 * token to write back, as botocore builds it: startUrl/region from config, refreshToken only if the response has one.
 * The SDK is imported here, lazily, so reading a valid token never loads it.
 */
export async function refreshSsoToken(
  deps: CoreDeps,
  session: SsoSession,
  token: SsoToken,
  options: RefreshOptions = {},
): Promise<SsoToken> {
  const { SSOOIDCClient, CreateTokenCommand } = await import("@aws-sdk/client-sso-oidc");
  const client = new SSOOIDCClient(await awsClientConfig(deps, { region: session.region, endpoint: options.oidcEndpoint, caBundle: options.caBundle }));
  const fix = loginFixCommand(session, options);
  const who = describeSession(session);
  try {
    const res = await client.send(
      new CreateTokenCommand({
        grantType: "refresh_token",
        clientId: token.clientId,
        clientSecret: token.clientSecret,
        refreshToken: token.refreshToken,
      }),
    );
    if (!res.accessToken || typeof res.expiresIn !== "number") {
      throw new ServiceError(`SSO-OIDC returned an incomplete token when refreshing the SSO token for ${who}.`, {
        code: "InvalidResponse",
      });
    }
    const { refreshToken: _dropped, ...rest } = token;
    const next: SsoToken = {
      ...rest,
      startUrl: session.startUrl,
      region: session.region,
      accessToken: res.accessToken,
      expiresAt: formatAwsTimestamp(deps.now() + res.expiresIn * 1000),
    };
    if (res.refreshToken) next.refreshToken = res.refreshToken;
    return next;
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    const info = awsErrorInfo(e);
    if (info.network) {
      throw unreachableError({ service: "sso_oidc", operation: "CreateToken", endpoint: options.oidcEndpoint, region: session.region }, info, `to refresh the SSO token for ${who}`);
    }
    if (info.name === "InvalidGrantException") {
      throw new TokenError(`The refresh token for ${who} was rejected (rotated or revoked); sign in again.`, {
        fix,
        code: "RefreshTokenRejected",
      });
    }
    if (info.name === "InvalidClientException" || info.name === "UnauthorizedClientException" || info.name === "ExpiredTokenException") {
      throw new TokenError(`SSO-OIDC rejected the client registration of ${who} (${info.name}); sign in again.`, {
        fix,
        code: "RefreshTokenRejected",
      });
    }
    if ((info.status ?? 0) >= 500 || info.name === "SlowDownException" || info.status === 429) {
      throw new ServiceError(`SSO-OIDC failed to refresh the SSO token for ${who}: ${info.name} (HTTP ${info.status}).`, {
        code: "ServiceUnavailable",
      });
    }
    throw new TokenError(`SSO-OIDC refused to refresh the SSO token for ${who}: ${info.name} (HTTP ${info.status}).`, {
      fix,
      code: "RefreshFailed",
    });
  } finally {
    client.destroy();
  }
}
