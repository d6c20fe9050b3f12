import type { CoreDeps } from "../deps.js";
import { SsoCredsError, TokenError } from "../errors.js";
import { shellQuote } from "../util/shellQuote.js";
import { tildePath } from "../util/tildePath.js";
import { lockPathFor, withLock, type LockOptions } from "../fs/withLock.js";
import { tokenCachePath } from "../paths/index.js";
import { parseTokenInput } from "../token-input/parseTokenInput.js";
import { loadToken } from "../token/loadToken.js";
import { describeSession } from "../token/loginFixCommand.js";
import { formatAwsTimestamp, parseAwsTimestamp } from "../token/parseAwsTimestamp.js";
import { tokenState } from "../token/tokenState.js";
import { writeToken } from "../token/writeToken.js";
import type { SsoSession, SsoToken } from "../types.js";
import { sameStartUrl } from "../config/sameStartUrl.js";
import { configFilePath } from "../config/loadSharedConfig.js";

export interface ImportTokenOptions {
  /** Replace a cached token that expires later than the imported one. */
  force?: boolean | undefined;
  /** Where the text came from, for messages ("the token on stdin"). */
  source?: string | undefined;
  lock?: LockOptions | undefined;
}

export interface ImportTokenResult {
  /** ~/.aws/sso/cache/<key>.json, written 0600. */
  path: string;
  token: SsoToken;
  /** A token was there before and was replaced. */
  replaced: boolean;
}

/**
 * Store a token exported on another machine (`sso token export`) as this session's cached token: checked for shape,
 * start URL and region against the session, then written under the token file's lock, atomically, 0600, where the
 * AWS CLI and botocore look for it. A cached token that expires later is kept unless `force`. Messages never quote
 * the input (a secret).
 */
export async function importToken(deps: CoreDeps, session: SsoSession, text: string, options: ImportTokenOptions = {}): Promise<ImportTokenResult> {
  const source = options.source ?? "the token on stdin";
  const Source = source.charAt(0).toUpperCase() + source.slice(1);
  const exportFix = `sso token export ${sessionFlag(session)} | ssh THIS-HOST sso token import ${sessionFlag(session)} (on the machine that is logged in)`;
  let token: SsoToken;
  try {
    token = parseTokenInput(text, source);
  } catch (e) {
    if (e instanceof SsoCredsError) throw new TokenError(e.message, { code: e.code, fix: exportFix });
    throw e;
  }
  if (token.startUrl !== undefined && !sameStartUrl(token.startUrl, session.startUrl)) {
    throw new TokenError(`${Source} is for ${token.startUrl}, not for ${describeSession(session)} (${session.startUrl}); nothing was changed.`, {
      code: "TokenStartUrlMismatch",
      fix: "name the sso-session whose sso_start_url it is: sso token import --sso-session NAME (or --write-config to add one)",
    });
  }
  if (token.region !== undefined && token.region !== session.region) {
    throw new TokenError(`${Source} is for region ${token.region}, but ${describeSession(session)} has sso_region ${session.region}; nothing was changed.`, {
      code: "TokenRegionMismatch",
      fix: `correct sso_region of ${describeSession(session)} in ${tildePath(deps, configFilePath(deps))}, or import the token of the matching session`,
    });
  }
  const now = deps.now();
  const state = tokenState(token, now);
  if (state.expired && !state.refreshable) {
    throw new TokenError(`${Source} expired at ${token.expiresAt} and cannot be refreshed; nothing was changed.`, { code: "TokenExpired", fix: exportFix });
  }
  const stored: SsoToken = { ...token, startUrl: token.startUrl ?? session.startUrl, region: token.region ?? session.region };
  const incomingMs = parseAwsTimestamp(token.expiresAt)!;
  const path = tokenCachePath(deps, session);

  return withLock(
    deps,
    lockPathFor(path),
    async () => {
      // A missing or unreadable cached token is simply replaced; only a valid, longer-lived one is protected.
      const existing = await loadToken(deps, session).catch(() => undefined);
      if (existing && existing.expiresAtMs > incomingMs && !options.force) {
        throw new TokenError(
          `The cached token ${tildePath(deps, path)} for ${describeSession(session)} expires later (${formatAwsTimestamp(existing.expiresAtMs)}) than ${source} (${formatAwsTimestamp(incomingMs)}); nothing was changed.`,
          { code: "TokenNewer", fix: `sso token import ${sessionFlag(session)} --force (to replace it anyway)` },
        );
      }
      await writeToken(deps, session, stored);
      return { path, token: stored, replaced: existing !== undefined };
    },
    options.lock,
  );
}

function sessionFlag(session: SsoSession): string {
  return session.name !== undefined ? `--sso-session ${shellQuote(session.name)}` : "--profile PROFILE";
}
