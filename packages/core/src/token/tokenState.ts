import type { SsoToken } from "../types.js";
import { TOKEN_REFRESH_WINDOW_MS } from "./constants.js";
import { parseAwsTimestamp } from "./parseAwsTimestamp.js";

export interface TokenState {
  expired: boolean;
  /** Milliseconds until expiresAt (negative once expired; NaN if expiresAt does not parse). */
  expiresInMs: number;
  /** refreshToken, clientId, clientSecret present and registrationExpiresAt in the future (botocore's rule). */
  refreshable: boolean;
  /** Inside the 15-minute window in which we refresh before use. */
  needsRefresh: boolean;
}

// JS SDK: token-providers validateTokenExpiry
/** What `sso status` shows and what getValidToken decides on. `now` is epoch ms. */
export function tokenState(token: SsoToken, now: number): TokenState {
  const expiresAt = typeof token.expiresAt === "string" ? parseAwsTimestamp(token.expiresAt) : undefined;
  const expiresInMs = expiresAt === undefined ? Number.NaN : expiresAt - now;
  const expired = !(expiresInMs > 0);
  const registrationExpiresAt =
    typeof token.registrationExpiresAt === "string" ? parseAwsTimestamp(token.registrationExpiresAt) : undefined;
  const refreshable =
    isNonEmpty(token.refreshToken) &&
    isNonEmpty(token.clientId) &&
    isNonEmpty(token.clientSecret) &&
    registrationExpiresAt !== undefined &&
    registrationExpiresAt > now;
  return { expired, expiresInMs, refreshable, needsRefresh: !(expiresInMs >= TOKEN_REFRESH_WINDOW_MS) };
}

function isNonEmpty(v: unknown): v is string {
  return typeof v === "string" && v !== "";
}
