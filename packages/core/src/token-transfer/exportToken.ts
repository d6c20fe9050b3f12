import type { CoreDeps } from "../deps.js";
import { getValidToken, type GetValidTokenOptions } from "../token/getValidToken.js";
import { serializeToken } from "../token/serializeToken.js";
import type { SsoSession, SsoToken } from "../types.js";

/** What a copy made with `stripRefreshToken` leaves out: everything that could refresh (and so rotate) the original. */
export const REFRESH_KEYS = ["refreshToken", "clientId", "clientSecret", "registrationExpiresAt"] as const;

export interface ExportTokenOptions extends GetValidTokenOptions {
  /**
   * Drop the refresh token and the client registration: the copy lives only as long as the access token, and
   * can never refresh, so it can never rotate the refresh token under the original (IAM Identity Center issues a
   * new refresh token on each refresh and the old one stops working).
   */
  stripRefreshToken?: boolean | undefined;
}

export interface ExportedToken {
  /** The token file's JSON, as the AWS CLI writes it (one line, no newline). */
  json: string;
  token: SsoToken;
}

/**
 * The session's token as a portable JSON document (the same bytes as ~/.aws/sso/cache/<key>.json), refreshed
 * first under the token's lock when inside the refresh window, so that the copy lives as long as it can.
 * Throws the usual TokenError (with the login fix) when there is no valid token.
 */
export async function exportToken(deps: CoreDeps, session: SsoSession, options: ExportTokenOptions = {}): Promise<ExportedToken> {
  const valid = await getValidToken(deps, session, options);
  const token: SsoToken = { ...valid };
  // Say which instance the copy belongs to even when the file (an older AWS CLI's) did not.
  token.startUrl ??= session.startUrl;
  token.region ??= session.region;
  if (options.stripRefreshToken) for (const key of REFRESH_KEYS) delete token[key];
  return { json: serializeToken(token), token };
}
