import type { CoreDeps } from "../deps.js";
import { TokenError } from "../errors.js";
import { isoSeconds } from "../login/isoSeconds.js";
import type { SsoToken } from "../types.js";
import { MAX_ATTEMPTS } from "./constants.js";
import { describeServiceError } from "./describeServiceError.js";
import { TOKEN_INPUT_FIX } from "./parseTokenInput.js";

/**
 * CreateToken with the refresh_token grant, as botocore and the JS SDK do, and the token file they would write:
 * the old object with accessToken, expiresAt and refreshToken replaced (a response without a refresh token drops it).
 */
export async function refreshTokenInput(
  deps: Pick<CoreDeps, "now">,
  token: SsoToken,
  options: { region: string; endpoint: string | undefined; source: string },
): Promise<SsoToken> {
  const sdk = await import("@aws-sdk/client-sso-oidc");
  const client = new sdk.SSOOIDCClient({ region: options.region, maxAttempts: MAX_ATTEMPTS, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
  try {
    const out = await client.send(
      new sdk.CreateTokenCommand({ grantType: "refresh_token", clientId: token.clientId, clientSecret: token.clientSecret, refreshToken: token.refreshToken }),
    );
    if (!out.accessToken || !out.expiresIn) throw new TokenError(`Refreshing ${options.source} returned no access token.`, { code: "InvalidTokenResponse", fix: TOKEN_INPUT_FIX });
    const { refreshToken: _old, ...rest } = token;
    return {
      ...rest,
      accessToken: out.accessToken,
      expiresAt: isoSeconds(deps.now() + out.expiresIn * 1000),
      ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
    };
  } catch (e) {
    if (e instanceof TokenError) throw e;
    const { name, text, network } = describeServiceError(e);
    throw new TokenError(`Refreshing ${options.source} failed (${text}).`, { code: network ? "NetworkError" : name, cause: e, fix: TOKEN_INPUT_FIX });
  } finally {
    client.destroy();
  }
}
