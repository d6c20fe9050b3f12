import { basename } from "node:path";
import type { CoreDeps } from "../deps.js";
import { ConfigError } from "../errors.js";
import { tildePath } from "../util/tildePath.js";

/** What says a file cannot be written, whoever we are: a read-only file system, no permission, an immutable flag. */
export const NOT_WRITABLE = new Set(["EROFS", "EACCES", "EPERM"]);

/**
 * A shared file that is a link to one we cannot write (home-manager's read-only /nix/store, a foreign dotfiles
 * directory), as one line: the link, where it points, why, and the two ways out.
 */
export function unwritableLinkError(deps: Pick<CoreDeps, "homedir">, path: string, target: string, err: unknown): ConfigError {
  const code = (err as NodeJS.ErrnoException)?.code ?? "error";
  // fs sits below config, which knows the file's variable: the credentials file is the one named so by default.
  const variable = /credentials/i.test(basename(path)) ? "AWS_SHARED_CREDENTIALS_FILE" : "AWS_CONFIG_FILE";
  return new ConfigError(`${tildePath(deps, path)} is a link to ${tildePath(deps, target)}, which cannot be written (${code}).`, {
    code: "ConfigNotWritable",
    fix: `edit the file it is made from, or set ${variable} to a writable file`,
    cause: err,
  });
}
