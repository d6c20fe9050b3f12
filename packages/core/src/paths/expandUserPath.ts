import { join, resolve } from "node:path";
import type { CoreDeps } from "../deps.js";

/** An override path from the environment: empty means unset, a leading `~` is the home directory, relative paths are made absolute. */
export function expandUserPath(deps: Pick<CoreDeps, "homedir">, p: string | undefined): string | undefined {
  if (!p) return undefined;
  if (p === "~") return deps.homedir();
  if (p.startsWith("~/")) return join(deps.homedir(), p.slice(2));
  return resolve(p);
}
