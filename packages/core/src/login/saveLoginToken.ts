import type { CoreDeps } from "../deps.js";
import { lockPathFor, withLock } from "../fs/index.js";
import { tokenCachePath } from "../paths/index.js";
import { writeToken } from "../token/index.js";
import type { SsoSession, SsoToken } from "../types.js";

/**
 * Write a freshly issued token under the token file's refresh lock, so a refresh running in another process
 * (which re-reads the file under that lock) cannot overwrite it with a refreshed copy of the old token.
 */
export async function saveLoginToken(deps: CoreDeps, session: SsoSession, token: SsoToken): Promise<void> {
  await withLock(deps, lockPathFor(tokenCachePath(deps, session)), () => writeToken(deps, session, token));
}
