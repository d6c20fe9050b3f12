import { basename, dirname, join } from "node:path";
import type { CoreDeps } from "../deps.js";
import { nodeCrypto } from "../hash/nodeCrypto.js";

/**
 * Write a whole file so readers see either the old bytes or the new ones, never a mix:
 * temp file in the same directory (rename is atomic only within one file system), fsync, rename.
 * The file is 0600; missing directories are created 0700 (they hold tokens and keys).
 */
export async function writeFileAtomic(deps: Pick<CoreDeps, "fs">, path: string, data: string | Uint8Array): Promise<void> {
  const { fs } = deps;
  const dir = dirname(path);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${nodeCrypto().randomBytes(6).toString("hex")}.tmp`);
  let renamed = false;
  try {
    const fh = await fs.open(tmp, "wx", 0o600);
    try {
      // A umask never adds bits, but an existing ACL or odd umask could; state the mode outright.
      await fh.chmod(0o600);
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, path);
    renamed = true;
    await syncDirectory(deps, dir);
  } finally {
    if (!renamed) await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
  await removeStaleTempFiles(deps, dir);
}

/** A temp file older than this belongs to a writer that was killed (a write takes milliseconds). */
export const STALE_TEMP_MS = 5 * 60_000;
/** Our temp names only: writeFileAtomic's `.<name>.<pid>.<hex12>.tmp` and withLock's `<name>.lock.<hex16>.<hex8>.tmp`. */
const OUR_TEMP = /^(?:\..+\.\d+\.[0-9a-f]{12}|.+\.lock\.[0-9a-f]{16}\.[0-9a-f]{8})\.tmp$/;

/** The next writer in a directory removes what killed writers left behind; best effort, never fails a write. */
async function removeStaleTempFiles(deps: Pick<CoreDeps, "fs">, dir: string): Promise<void> {
  try {
    const names = (await deps.fs.readdir(dir)).filter((n) => OUR_TEMP.test(n));
    const cutoff = Date.now() - STALE_TEMP_MS;
    for (const name of names) {
      const file = join(dir, name);
      const st = await deps.fs.lstat(file).catch(() => undefined);
      if (st?.isFile() && st.mtimeMs < cutoff) await deps.fs.rm(file, { force: true }).catch(() => undefined);
    }
  } catch {
    // an unreadable directory listing only means nothing is cleaned this time
  }
}

/** Persist the rename itself; best effort, as some file systems refuse to open a directory. */
async function syncDirectory(deps: Pick<CoreDeps, "fs">, dir: string): Promise<void> {
  try {
    const dh = await deps.fs.open(dir, "r");
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    // the data is already durable in the file; only the directory entry may lag on a crash
  }
}
