import { HEADER_UNSAFE_REASON, isHeaderSafe } from "../token/isHeaderSafe.js";
import { TokenError } from "../errors.js";
import { parseAwsTimestamp } from "../token/parseAwsTimestamp.js";
import type { SsoToken } from "../types.js";

/** How to get a token to paste: the same words in every message about a token handed over as text. */
export const TOKEN_INPUT_FIX =
  "run `sso login` (or `aws sso login`) on your machine, then copy the whole token file from ~/.aws/sso/cache/ (the <sha1>.json that has an accessToken and your startUrl) into the secret";

/**
 * A token handed over as text (a CI secret, a mounted file): the JSON of a ~/.aws/sso/cache/<key>.json file.
 * Messages name `source` and say what is wrong, never quote the text: it is a secret, and JSON.parse's own
 * messages would quote it.
 */
export function parseTokenInput(text: string, source: string): SsoToken {
  const Source = source.charAt(0).toUpperCase() + source.slice(1);
  const trimmed = text.trim();
  if (!trimmed) throw new TokenError(`${Source} is empty.`, { code: "TokenMissing", fix: TOKEN_INPUT_FIX });
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    throw new TokenError(`${Source} is not JSON; expected the contents of a ~/.aws/sso/cache/<sha1>.json token file.`, {
      code: "TokenMalformed",
      fix: TOKEN_INPUT_FIX,
    });
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new TokenError(`${Source} is JSON but not an object; expected the contents of a ~/.aws/sso/cache/<sha1>.json token file.`, {
      code: "TokenMalformed",
      fix: TOKEN_INPUT_FIX,
    });
  }
  const token = value as Record<string, unknown>;
  if (typeof token.accessToken !== "string" || !token.accessToken) {
    // The registration file sits in the same directory and is the usual wrong pick.
    const looksLikeRegistration = typeof token.clientId === "string" && typeof token.expiresAt === "string";
    const looksLikeCredentials = "AccessKeyId" in token || "Credentials" in token || "accessKeyId" in token;
    const hint = looksLikeRegistration
      ? " It looks like a client registration file (clientId, no accessToken); copy the other file in ~/.aws/sso/cache."
      : looksLikeCredentials
        ? " It looks like role credentials, not an SSO token."
        : "";
    throw new TokenError(`${Source} has no accessToken.${hint}`, { code: "TokenMalformed", fix: TOKEN_INPUT_FIX });
  }
  if (!isHeaderSafe(token.accessToken)) {
    throw new TokenError(`${Source} has an accessToken that ${HEADER_UNSAFE_REASON}.`, { code: "TokenMalformed", fix: TOKEN_INPUT_FIX });
  }
  if (typeof token.expiresAt !== "string" || parseAwsTimestamp(token.expiresAt) === undefined) {
    throw new TokenError(`${Source} has no valid expiresAt timestamp.`, { code: "TokenMalformed", fix: TOKEN_INPUT_FIX });
  }
  for (const key of ["startUrl", "region", "clientId", "clientSecret", "refreshToken", "registrationExpiresAt"] as const) {
    if (token[key] !== undefined && typeof token[key] !== "string") {
      throw new TokenError(`${Source} has a ${key} that is not a string.`, { code: "TokenMalformed", fix: TOKEN_INPUT_FIX });
    }
  }
  return token as SsoToken;
}
