import { dirname } from "node:path";
import type { CoreDeps } from "../deps.js";
import { SsoCredsError } from "../errors.js";
import { shellQuote } from "../util/shellQuote.js";
import { tildePath } from "../util/tildePath.js";
import { nodeCrypto } from "../hash/nodeCrypto.js";

/** How long a caller waits for another process to finish a refresh plus GetRoleCredentials, retries included (~70 s worst case). */
export const DEFAULT_LOCK_TIMEOUT_MS = 90_000;
/** A lock whose file was not touched for this long is abandoned; live holders touch it every staleMs/3. */
export const DEFAULT_LOCK_STALE_MS = 30_000;

export interface LockOptions {
  /** Give up waiting after this long (LockTimeout error). */
  timeoutMs?: number;
  /** Break a lock whose file is older than this (by mtime); holders heartbeat well within it. */
  staleMs?: number;
  /** Called once when the lock is busy and we start to wait (e.g. to print "waiting for pid 123 …"). */
  onWait?: (holder: LockHolder | undefined, wait: LockWait) => void;
  /** Call onWait only once the wait has lasted this long (default 0: at once); a herd's usual short wait then stays quiet. */
  onWaitAfterMs?: number;
}

/** What a waiter can tell the user: which lock, and the longest it will wait. */
export interface LockWait {
  lockPath: string;
  /** The waiter gives up after this long (LockTimeout). */
  timeoutMs: number;
  /** A holder that stops touching its lock (hung, stopped) is taken over after this long. */
  staleMs: number;
}

/** What a lock file holds: who owns it, so a waiter can tell a dead holder from a slow one. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** Epoch milliseconds when the lock was taken. */
  createdAt: number;
  /** Unique per acquisition, so a holder only ever removes its own lock. */
  id: string;
}

/** The lock file that guards `filePath` (a token or credential cache file): next to it, in the cache directory. */
export function lockPathFor(filePath: string): string {
  return `${filePath}.lock`;
}

/**
 * Run `fn` while holding a cross-process lock at `lockPath`. The lock file appears atomically with its
 * owner (pid, hostname, time) via link(2); waiters back off with jitter and recover a lock whose holder
 * died (pid gone on this host) or went silent for `staleMs`. Released in finally.
 *
 * Timing uses the wall clock, not deps.now: the lock coordinates real processes even when tests freeze time.
 */
export async function withLock<T>(
  deps: Pick<CoreDeps, "fs" | "homedir">,
  lockPath: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_LOCK_STALE_MS;
  const me: LockHolder = { pid: process.pid, hostname: process.getBuiltinModule("node:os").hostname(), createdAt: Date.now(), id: nodeCrypto().randomBytes(8).toString("hex") };

  try {
    await acquire(deps, lockPath, me, timeoutMs, staleMs, options);
  } catch (e) {
    if (e instanceof SsoCredsError) throw e;
    // A read-only or foreign-owned cache directory: say which file, not a bare errno.
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new SsoCredsError(`Cannot create the lock file ${tildePath(deps, lockPath)} (${code}).`, {
      code: "LockUnavailable",
      fix: `ls -ld ${shellQuote(dirname(lockPath))}`,
    });
  }
  const heartbeat = setInterval(() => {
    const t = new Date();
    deps.fs.utimes(lockPath, t, t).catch(() => undefined);
  }, Math.max(50, Math.floor(staleMs / 3)));
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    await release(deps, lockPath, me);
  }
}

async function acquire(
  deps: Pick<CoreDeps, "fs" | "homedir">,
  lockPath: string,
  me: LockHolder,
  timeoutMs: number,
  staleMs: number,
  options: LockOptions,
): Promise<void> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let delay = 5;
  let waited = false;
  let lastHolder: LockHolder | undefined;
  await deps.fs.mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
  for (;;) {
    me.createdAt = Date.now();
    if (await tryCreate(deps, lockPath, me)) return;
    const seen = await inspect(deps, lockPath);
    if (seen === undefined) continue; // released between our attempt and our look: try again at once
    lastHolder = seen.holder;
    const timedOut = () => {
      if (Date.now() < deadline) return;
      const who = lastHolder ? ` (held by pid ${lastHolder.pid} on ${lastHolder.hostname})` : "";
      throw new SsoCredsError(
        `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for lock ${tildePath(deps, lockPath)}${who}.`,
        { code: "LockTimeout", fix: `rm ${shellQuote(lockPath)}` },
      );
    };
    if (isStale(seen, staleMs)) {
      await breakStale(deps, lockPath, seen, staleMs);
      timedOut(); // another waiter's breaker can hold us here too
      continue;
    }
    if (!waited && Date.now() - started >= (options.onWaitAfterMs ?? 0)) {
      waited = true;
      options.onWait?.(seen.holder, { lockPath, timeoutMs, staleMs });
    }
    timedOut();
    // Jitter keeps dozens of waiting processes from polling in lockstep.
    await sleep(Math.min(delay * (0.5 + Math.random()), Math.max(0, deadline - Date.now())));
    delay = Math.min(delay * 1.6, 200);
  }
}

/** Create the lock file with its content in one step: write a private temp file, then link(2) it into place. */
async function tryCreate(deps: Pick<CoreDeps, "fs">, lockPath: string, me: LockHolder): Promise<boolean> {
  const { fs } = deps;
  const content = JSON.stringify(me);
  const tmp = `${lockPath}.${me.id}.${nodeCrypto().randomBytes(4).toString("hex")}.tmp`;
  await fs.writeFile(tmp, content, { mode: 0o600, flag: "wx" });
  try {
    await fs.link(tmp, lockPath);
    return true;
  } catch (e) {
    if (errCode(e) === "EEXIST") return false;
    // File systems without hard links: O_EXCL create (the content follows a moment later).
    try {
      await fs.writeFile(lockPath, content, { mode: 0o600, flag: "wx" });
      return true;
    } catch (e2) {
      if (errCode(e2) === "EEXIST") return false;
      throw e2;
    }
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
}

interface SeenLock {
  holder: LockHolder | undefined;
  raw: string;
  mtimeMs: number;
}

async function inspect(deps: Pick<CoreDeps, "fs">, lockPath: string): Promise<SeenLock | undefined> {
  try {
    const [raw, st] = await Promise.all([deps.fs.readFile(lockPath, "utf8"), deps.fs.stat(lockPath)]);
    return { holder: parseHolder(raw), raw, mtimeMs: st.mtimeMs };
  } catch (e) {
    if (errCode(e) === "ENOENT") return undefined;
    throw e;
  }
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const v = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof v.pid === "number" && typeof v.hostname === "string" && typeof v.id === "string" && typeof v.createdAt === "number") {
      return v as LockHolder;
    }
  } catch {
    // unreadable content: judged by age alone
  }
  return undefined;
}

function isStale(seen: SeenLock, staleMs: number): boolean {
  const h = seen.holder;
  if (h && h.hostname === process.getBuiltinModule("node:os").hostname() && !isProcessAlive(h.pid)) return true;
  return Date.now() - seen.mtimeMs > staleMs;
}

/** Signal 0 checks existence only; EPERM means it exists under another user. */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errCode(e) === "EPERM";
  }
}

/**
 * Remove an abandoned lock. A short-lived ".break" lock makes waiters break one at a time, and the lock is
 * re-checked under it, so a waiter never deletes a fresh lock another waiter just took.
 */
async function breakStale(deps: Pick<CoreDeps, "fs">, lockPath: string, seen: SeenLock, staleMs: number): Promise<void> {
  const { fs } = deps;
  const breaker = `${lockPath}.break`;
  const host = process.getBuiltinModule("node:os").hostname();
  try {
    await fs.writeFile(breaker, JSON.stringify({ pid: process.pid, hostname: host }), { mode: 0o600, flag: "wx" });
  } catch (e) {
    if (errCode(e) !== "EEXIST") throw e;
    const [st, raw] = await Promise.all([fs.stat(breaker).catch(() => undefined), fs.readFile(breaker, "utf8").catch(() => "")]);
    // A breaker lives for milliseconds; one whose process is gone (killed mid-break) or that is old is abandoned.
    if (st && (breakerIsDead(raw, host) || Date.now() - st.mtimeMs > 5_000)) await removeIfUnchanged(deps, breaker, raw);
    else await sleep(5 + Math.random() * 10);
    return;
  }
  try {
    const now = await inspect(deps, lockPath);
    if (now && now.raw === seen.raw && now.mtimeMs === seen.mtimeMs && isStale(now, staleMs)) {
      await fs.rm(lockPath, { force: true });
    }
  } finally {
    await fs.rm(breaker, { force: true });
  }
}

/** The breaker's owner: `{"pid","hostname"}`, or a bare pid as older versions wrote it (this host). */
function breakerIsDead(raw: string, host: string): boolean {
  let owner: { pid?: unknown; hostname?: unknown } = {};
  try {
    const v: unknown = JSON.parse(raw);
    owner = typeof v === "number" ? { pid: v } : typeof v === "object" && v !== null ? v : {};
  } catch {
    return false; // being written right now, or unreadable: judged by age
  }
  if (typeof owner.pid !== "number") return false;
  if (owner.hostname !== undefined && owner.hostname !== host) return false;
  return !isProcessAlive(owner.pid);
}

/** Remove an abandoned breaker unless another waiter replaced it with its own in the meantime. */
async function removeIfUnchanged(deps: Pick<CoreDeps, "fs">, path: string, raw: string): Promise<void> {
  const now = await deps.fs.readFile(path, "utf8").catch(() => undefined);
  if (now === raw) await deps.fs.rm(path, { force: true });
}

async function release(deps: Pick<CoreDeps, "fs">, lockPath: string, me: LockHolder): Promise<void> {
  const seen = await inspect(deps, lockPath).catch(() => undefined);
  // Our lock may have been judged stale and taken over; never remove someone else's.
  if (seen?.holder?.id === me.id) await deps.fs.rm(lockPath, { force: true }).catch(() => undefined);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : undefined;
}
