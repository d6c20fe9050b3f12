import { basename, dirname, join, resolve } from "node:path";
import type { CoreDeps } from "../deps.js";

/** Linux's MAXSYMLINKS: a longer chain is a loop (ELOOP), as the kernel would say when opening it. */
const MAX_LINKS = 40;

/** The file a path names once its symbolic links are followed, and whether there were any. */
export interface LinkedFile {
  /** The final file, its directory's real path plus its name: the same string however the file is named. */
  path: string;
  linked: boolean;
}

/**
 * Follow `path`'s symbolic links the way open(2) does, to the file a write through it must replace: a relative
 * target against the link's (real) directory, a chain to its end, a dangling link to the file it would create.
 * A loop throws an ELOOP error like Node's; a part that cannot be looked at ends the walk (the read reports it).
 */
export async function resolveLinkedFile(deps: Pick<CoreDeps, "fs">, path: string): Promise<LinkedFile> {
  const { fs } = deps;
  let current = resolve(path);
  let hops = 0;
  for (;;) {
    const isLink = await fs.lstat(current).then((s) => s.isSymbolicLink(), () => false);
    if (!isLink) break;
    if (hops++ === MAX_LINKS) throw Object.assign(new Error(`ELOOP: too many symbolic links encountered, open '${path}'`), { code: "ELOOP", path });
    current = resolve(await fs.realpath(dirname(current)), await fs.readlink(current));
  }
  const dir = await fs.realpath(dirname(current)).catch(() => dirname(current));
  return { path: join(dir, basename(current)), linked: hops > 0 };
}
