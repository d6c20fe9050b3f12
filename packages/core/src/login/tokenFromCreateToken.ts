import { TokenError } from "../errors.js";
import type { SsoSession, SsoToken } from "../types.js";
import type { ClientRegistration } from "./registerClient.js";
import { formatAwsTimestamp, loginFixCommand } from "../token/index.js";

/** The token file exactly as `aws sso login` writes it: same keys, same order, refreshToken only when issued. */
export function tokenFromCreateToken(
  session: SsoSession,
  registration: ClientRegistration,
  out: { accessToken?: string | undefined; expiresIn?: number | undefined; refreshToken?: string | undefined },
  now: number,
): SsoToken {
  if (!out.accessToken || !out.expiresIn) {
    throw new TokenError("SSO-OIDC CreateToken returned no access token.", { code: "InvalidTokenResponse", fix: loginFixCommand(session) });
  }
  const token: SsoToken = {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: out.accessToken,
    expiresAt: formatAwsTimestamp(now + out.expiresIn * 1000),
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
  };
  if (out.refreshToken) token.refreshToken = out.refreshToken;
  return token;
}
