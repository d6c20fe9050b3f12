import type { CoreDeps } from "../deps.js";
import { TokenError } from "../errors.js";
import type { SsoSession, SsoToken } from "../types.js";
import { loadToken } from "./loadToken.js";
import { describeSession, loginFixCommand, type LoginHint } from "./loginFixCommand.js";
import { formatAwsTimestamp } from "./parseAwsTimestamp.js";

/** The cached SSO token for a session, if present, well-formed and not expired; otherwise a TokenError with the fix. */
export async function readToken(deps: CoreDeps, session: SsoSession, hint: LoginHint = {}): Promise<SsoToken> {
  const loaded = await loadToken(deps, session, hint);
  if (loaded.expiresAtMs <= deps.now()) throw expiredTokenError(session, loaded.expiresAtMs, hint);
  return loaded.token;
}

export function expiredTokenError(session: SsoSession, expiresAtMs: number, hint: LoginHint, why = ""): TokenError {
  return new TokenError(
    `The SSO token for ${describeSession(session)} expired at ${formatAwsTimestamp(expiresAtMs)}${why}.`,
    { fix: loginFixCommand(session, hint), code: "TokenExpired" },
  );
}
