import type { CoreDeps } from "../deps.js";
import { tildePath } from "../util/tildePath.js";
import type { LockOptions } from "./withLock.js";

/** A wait shorter than this (a herd behind one fetch) is normal and stays quiet. */
const NOTICE_AFTER_MS = 1_000;

/**
 * Lock options for a command a user waits on: once the wait lasts a second, say once (per process, however many
 * locks follow) whom it waits for and for how long at most, e.g.
 * `sso-credential-process: waiting for pid 4242, which holds ~/.aws/cli/cache/ab12.json.lock (at most 90 s; …)`.
 */
export function lockWaitNotice(deps: Pick<CoreDeps, "homedir">, program: string, write: (line: string) => void, base: LockOptions = {}): LockOptions {
  let told = false;
  return {
    ...base,
    onWaitAfterMs: base.onWaitAfterMs ?? NOTICE_AFTER_MS,
    onWait: (holder, wait) => {
      base.onWait?.(holder, wait);
      if (told) return;
      told = true;
      const who = holder ? `pid ${holder.pid}${holder.hostname === process.getBuiltinModule("node:os").hostname() ? "" : ` on ${holder.hostname}`}` : "another process";
      const s = (ms: number) => `${Math.round(ms / 1000)} s`;
      write(
        `${program}: waiting for ${who}, which holds ${tildePath(deps, wait.lockPath)} (at most ${s(wait.timeoutMs)}; a holder that stops responding is taken over after ${s(wait.staleMs)}).\n`,
      );
    },
  };
}
