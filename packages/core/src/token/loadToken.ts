import type { CoreDeps } from "../deps.js";
import { TokenError } from "../errors.js";
import { shellQuote } from "../util/shellQuote.js";
import { tildePath } from "../util/tildePath.js";
import { tokenCachePath } from "../paths/index.js";
import type { SsoSession, SsoToken } from "../types.js";
import { describeSession, loginFixCommand, type LoginHint } from "./loginFixCommand.js";
import { HEADER_UNSAFE_REASON, isHeaderSafe } from "./isHeaderSafe.js";
import { parseAwsTimestamp } from "./parseAwsTimestamp.js";

/** A token file that parsed and has the fields every reader needs; it may be expired. */
export interface LoadedToken {
  token: SsoToken;
  /** Absolute path of ~/.aws/sso/cache/<key>.json. */
  path: string;
  /** expiresAt as epoch ms. */
  expiresAtMs: number;
  /** The exact bytes read, to tell whether another process rewrote the file since. */
  raw: string;
}

const OPTIONAL_STRING_KEYS = ["startUrl", "region", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken"] as const;

// botocore: SSOTokenLoader.__call__; JS SDK: shared-ini-file-loader getSSOTokenFromFile
/**
 * Read and validate ~/.aws/sso/cache/<key>.json without judging its expiry (status and refresh need expired
 * tokens too). Every failure is a one-line TokenError naming the file and never quoting its content.
 */
export async function loadToken(deps: CoreDeps, session: SsoSession, hint: LoginHint = {}): Promise<LoadedToken> {
  const path = tokenCachePath(deps, session);
  const shown = tildePath(deps, path);
  const fix = loginFixCommand(session, hint);
  const malformed = (what: string) =>
    new TokenError(`The SSO token file ${shown} for ${describeSession(session)} ${what}.`, { fix, code: "TokenMalformed" });

  let raw: string;
  try {
    raw = await deps.fs.readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new TokenError(`No SSO token for ${describeSession(session)} (${shown}).`, { fix, code: "TokenMissing" });
    }
    if (code === "EISDIR") {
      throw new TokenError(`The SSO token file ${shown} for ${describeSession(session)} is a directory.`, {
        fix: `rm -r ${shellQuote(path)} && ${fix}`,
        code: "TokenUnreadable",
      });
    }
    throw new TokenError(`Cannot read the SSO token file ${shown} for ${describeSession(session)} (${code ?? "error"}).`, {
      fix,
      code: "TokenUnreadable",
    });
  }

  if (raw.trim() === "") throw malformed("is empty");
  let parsed: unknown;
  try {
    // Parse errors quote the input, which may hold a token: report the file, not the parser's words.
    parsed = JSON.parse(raw.replace(/^\uFEFF/, ""));
  } catch {
    throw malformed("is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw malformed("does not hold a JSON object");
  const obj = parsed as Record<string, unknown>;

  if (!("accessToken" in obj) || obj.accessToken === null) throw malformed("has no accessToken");
  if (typeof obj.accessToken !== "string") throw malformed("has an accessToken that is not a string");
  if (obj.accessToken === "") throw malformed("has an empty accessToken");
  if (!isHeaderSafe(obj.accessToken)) throw malformed(`has an accessToken that ${HEADER_UNSAFE_REASON}`);
  if (!("expiresAt" in obj) || obj.expiresAt === null) throw malformed("has no expiresAt");
  if (typeof obj.expiresAt !== "string") throw malformed("has an expiresAt that is not a string");
  const expiresAtMs = parseAwsTimestamp(obj.expiresAt);
  if (expiresAtMs === undefined) throw malformed("has an expiresAt that is not a timestamp");

  const token: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if ((OPTIONAL_STRING_KEYS as readonly string[]).includes(key)) {
      if (value === null) continue; // Python's None: the same as absent
      if (typeof value !== "string") throw malformed(`has a ${key} that is not a string`);
    }
    token[key] = value;
  }
  return { token: token as SsoToken, path, expiresAtMs, raw };
}
