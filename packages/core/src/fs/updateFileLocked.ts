import type { CoreDeps } from "../deps.js";
import { unreadableFileError } from "./unreadableFileError.js";
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
 * writers never both start from the same old text, so neither loses the other's sections.
 */
export async function updateFileLocked<T>(
  deps: Pick<CoreDeps, "fs" | "homedir">,
  path: string,
  edit: (before: string | undefined) => FileEdit<T> | Promise<FileEdit<T>>,
  /** readError: how to report a file that exists but cannot be read (default: unreadableFileError). */
  options: { lock?: LockOptions | undefined; readError?: (e: unknown) => unknown } = {},
): Promise<T> {
  return withLock(
    deps,
    lockPathFor(path),
    async () => {
      let before: string | undefined;
      try {
        before = await deps.fs.readFile(path, "utf8");
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== "ENOENT") throw options.readError ? options.readError(e) : await unreadableFileError(deps, path, e);
      }
      const out = await edit(before);
      if (out.text === null) await deps.fs.rm(path, { force: true });
      else if (out.text !== undefined && out.text !== before) await writeFileAtomic(deps, path, out.text);
      return out.result;
    },
    options.lock,
  );
}
