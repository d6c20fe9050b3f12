// The module build.mjs generates from the CLI's oclif.manifest.json and package.json.
declare module "sea:commands" {
  import type { Interfaces } from "@oclif/core";
  /** What oclif would load from the package's files, by path relative to its root. */
  export const modules: Record<string, unknown>;
  export const pjson: Interfaces.PJSON;
}
