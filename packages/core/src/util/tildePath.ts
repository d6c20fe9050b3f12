import { sep } from "node:path";
import type { CoreDeps } from "../deps.js";

/** Show a path the way users type it: `~/.aws/sso/cache/…` instead of the absolute home directory. */
export function tildePath(deps: Pick<CoreDeps, "homedir">, path: string): string {
  const home = deps.homedir().replace(/[\\/]+$/, "");
  if (home && (path === home || path.startsWith(home + sep) || path.startsWith(home + "/"))) {
    return "~" + path.slice(home.length);
  }
  return path;
}
