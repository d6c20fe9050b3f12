import { dirname } from "node:path";
import type { CoreDeps } from "../deps.js";
import { ConfigError } from "../errors.js";
import { shellQuote } from "../util/shellQuote.js";
import { tildePath } from "../util/tildePath.js";

/**
 * Why a shared file (~/.aws/config, ~/.aws/credentials) cannot be read, as one line with a command that fixes it:
 * a symbolic link that loops (ELOOP) is removed, not chmod-ed; a directory in its place is replaced.
 */
export async function unreadableFileError(deps: Pick<CoreDeps, "fs" | "homedir">, path: string, err: unknown): Promise<ConfigError> {
  const code = (err as NodeJS.ErrnoException)?.code;
  const shown = tildePath(deps, path);
  if (code === "ELOOP") {
    const isLink = await deps.fs.lstat(path).then((s) => s.isSymbolicLink(), () => false);
    return isLink
      ? new ConfigError(`${shown} is a symbolic link that loops (ELOOP); nothing can be read through it.`, { code: "ConfigUnreadable", fix: `rm ${shellQuote(path)}` })
      : new ConfigError(`A directory on the way to ${shown} is a symbolic link that loops (ELOOP).`, { code: "ConfigUnreadable", fix: `ls -l ${shellQuote(dirname(path))}` });
  }
  if (code === "EISDIR") return new ConfigError(`Cannot read ${shown} (EISDIR).`, { code: "ConfigUnreadable", fix: `replace the directory ${path} with a config file` });
  if (code === "ENOTDIR") return new ConfigError(`Cannot read ${shown} (ENOTDIR): a part of its path is a file, not a directory.`, { code: "ConfigUnreadable", fix: `ls -ld ${shellQuote(dirname(path))}` });
  return new ConfigError(`Cannot read ${shown} (${code ?? "error"}).`, { code: "ConfigUnreadable", fix: `chmod 600 ${shellQuote(path)}` });
}
