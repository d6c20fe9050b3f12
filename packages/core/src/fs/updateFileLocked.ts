import { dirname } from "node:path";
import type { CoreDeps } from "../deps.js";
import { resolveLinkedFile, type LinkedFile } from "./resolveLinkedFile.js";
import { unreadableFileError } from "./unreadableFileError.js";
import { NOT_WRITABLE, unwritableLinkError, type SharedFileVariable } from "./unwritableLinkError.js";
import { lockPathFor, withLock, type LockOptions } from "./withLock.js";
import { writeFileAtomic } from "./writeFileAtomic.js";

/** What an edit of a shared file decides: the new text (or `null` to delete the file, `undefined` to leave it), and a result. */
export interface FileEdit<T> {
  text?: string | null | undefined;
  result: T;
}

/**
 * The one read-modify-write of a shared file (~/.aws/config, ~/.aws/credentials): under the file's cross-process
 * lock, read it (`undefined` when absent), let `edit` decide, then replace it atomically (0600) or delete it. Two
 * writers never both start from the same old text, so neither loses the other's sections. A symbolic link is written
 * through: the file it points to is replaced (0600), the link stays.
 */
export async function updateFileLocked<T>(
  deps: Pick<CoreDeps, "fs" | "homedir">,
  path: string,
  edit: (before: string | undefined) => FileEdit<T> | Promise<FileEdit<T>>,
  /**
   * readError: how to report a file that exists but cannot be read (default: unreadableFileError); variable: the one
   * that moves this file, named when it is a link we cannot write through (default AWS_CONFIG_FILE).
   */
  options: { lock?: LockOptions | undefined; readError?: (e: unknown) => unknown; variable?: SharedFileVariable } = {},
): Promise<T> {
  const readError = async (e: unknown) => (options.readError ? options.readError(e) : await unreadableFileError(deps, path, e));
  // A link (GNU stow, chezmoi, yadm, home-manager) is written through, as `aws configure set` does: the file it points
  // to is replaced and the link stays. Only here, not in writeFileAtomic: the token and credential caches live in
  // directories checked to be 0700, and following a link there could carry a write into one other users can write.
  const target = await resolveLinkedFile(deps, path).catch(async (e: unknown) => {
    throw await readError(e);
  });
  const file = target.path;
  const variable = options.variable ?? "AWS_CONFIG_FILE";
  const notWritable = (e: unknown) => (target.linked && NOT_WRITABLE.has((e as NodeJS.ErrnoException)?.code ?? "") ? unwritableLinkError(deps, path, file, e, variable) : e);
  // Say so before the lock (which would be created beside the file) and before anything changes.
  await refuseUnwritableLink(deps, path, target, variable);
  // The lock sits beside the file itself, so a writer naming the link and one naming its target take the same lock.
  return withLock(
    deps,
    lockPathFor(file),
    async () => {
      let before: string | undefined;
      try {
        before = await deps.fs.readFile(file, "utf8");
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== "ENOENT") throw await readError(e);
      }
      const out = await edit(before);
      try {
        if (out.text === null) await deps.fs.rm(file, { force: true });
        else if (out.text !== undefined && out.text !== before) await writeFileAtomic(deps, file, out.text);
      } catch (e) {
        throw notWritable(e);
      }
      return out.result;
    },
    options.lock,
  );
}

/**
 * What updateFileLocked would refuse before it starts, checked ahead of slow work (populate lists every account
 * first): a link whose target cannot be written is the same ConfigNotWritable error; anything else passes (a file we
 * cannot read or write directly fails in updateFileLocked as it would have).
 */
export async function checkWritableThroughLinks(
  deps: Pick<CoreDeps, "fs" | "homedir">,
  path: string,
  options: { variable?: SharedFileVariable } = {},
): Promise<void> {
  const target = await resolveLinkedFile(deps, path).catch(() => undefined);
  if (target) await refuseUnwritableLink(deps, path, target, options.variable ?? "AWS_CONFIG_FILE");
}

/** A link whose target's directory takes no new file (the temp file and the lock go there): ConfigNotWritable. */
async function refuseUnwritableLink(deps: Pick<CoreDeps, "fs" | "homedir">, path: string, target: LinkedFile, variable: SharedFileVariable): Promise<void> {
  if (!target.linked) return;
  const refused = await writeRefusal(deps, dirname(target.path));
  if (refused) throw unwritableLinkError(deps, path, target.path, refused, variable);
}

/** Why no file can be created in `dir` (or, while it does not exist, in its nearest existing parent): the errno, if any. */
async function writeRefusal(deps: Pick<CoreDeps, "fs">, dir: string): Promise<unknown> {
  for (;;) {
    try {
      await deps.fs.access(dir, deps.fs.constants.W_OK);
      return undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT" || dirname(dir) === dir) return NOT_WRITABLE.has((e as NodeJS.ErrnoException).code ?? "") ? e : undefined;
      dir = dirname(dir);
    }
  }
}
