import type { CoreDeps } from "../deps.js";
import { ConfigError } from "../errors.js";
import { tildePath } from "../util/tildePath.js";

/** What says a file cannot be written, whoever we are: a read-only file system, no permission, an immutable flag. */
export const NOT_WRITABLE = new Set(["EROFS", "EACCES", "EPERM"]);

/** The variable that moves a shared file elsewhere: the writer knows which file it edits (its name may be anything). */
export type SharedFileVariable = "AWS_CONFIG_FILE" | "AWS_SHARED_CREDENTIALS_FILE";

/**
 * A shared file that is a link to one we cannot write (home-manager's read-only /nix/store, a foreign dotfiles
 * directory), as one line: the link, where it points, why, and the two ways out.
 */
export function unwritableLinkError(deps: Pick<CoreDeps, "homedir">, path: string, target: string, err: unknown, variable: SharedFileVariable): ConfigError {
  const code = (err as NodeJS.ErrnoException)?.code ?? "error";
  return new ConfigError(`${tildePath(deps, path)} is a link to ${tildePath(deps, target)}, which cannot be written (${code}).`, {
    code: "ConfigNotWritable",
    fix: `edit the file it is made from, or set ${variable} to a writable file`,
    cause: err,
  });
}
