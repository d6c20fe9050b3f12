// Evaluates the full CLI (the `cli.cjs` SEA asset, see build.mjs) in this context, with the V8 code cache the build
// made for it (`cli.cache`; V8 rejects a cache from another Node build and then compiles from source).
import { dirname } from "node:path";
import type { runCli } from "./cli.js";

/** The wrapper build.mjs compiled the code cache for: the bundle's CommonJS scope, as Node's own loader gives it. */
export const CLI_WRAPPER = ["(function (exports, require, module, __filename, __dirname) {", "\n})"] as const;
export const CLI_FILENAME = "sso-cli.cjs";

export function loadCliAsset(): { runCli: typeof runCli } {
  const sea = process.getBuiltinModule("node:sea");
  const vm = process.getBuiltinModule("node:vm");
  const source = sea.getAsset("cli.cjs", "utf8");
  const script = new vm.Script(`${CLI_WRAPPER[0]}${source}${CLI_WRAPPER[1]}`, {
    filename: CLI_FILENAME,
    cachedData: new Uint8Array(sea.getAsset("cli.cache")),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as { runCli: typeof runCli } };
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, require, module, process.execPath, dirname(process.execPath));
  return module.exports;
}
