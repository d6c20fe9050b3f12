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
