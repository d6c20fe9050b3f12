// The standalone `sso`: the CLI and the credential_process shim in one CommonJS bundle that Node's single executable
// application runtime starts. No package files exist inside the binary, so oclif gets the CLI's package.json as data
// and the modules it would load from disk (commands, help class, hooks) from the bundle (`sea:commands`, generated
// by build.mjs from oclif.manifest.json). `sso credential-process ARGS` (or the binary called as
// `sso-credential-process`) runs the shim.
import { basename, dirname, join } from "node:path";
import { runShim } from "@sso-creds/credential-process/src/shim.js";

// A CommonJS bundle has no top-level await: one async main.
async function main(argv: string[]): Promise<void> {
  if (basename(process.argv0) === "sso-credential-process") return runShim(argv);
  if (argv[0] === "credential-process") return runShim(argv.slice(1));
  // A root with no files: oclif finds no manifest there and takes the commands, help class and hooks from the
  // bundle's table (build.mjs patches oclif's module loader to ask it first).
  // Imported here, not at the top: the credential_process path (a cache hit) then evaluates none of the CLI.
  const [{ Config, flush, handle, run }, { modules, pjson }] = await Promise.all([import("@oclif/core"), import("sea:commands")]);
  const root = join(dirname(process.execPath), ".sso-binary");
  Object.assign(globalThis, { __seaModules: modules, __seaRoot: root });
  try {
    const config = await Config.load({ root, pjson });
    await run(argv, config);
    await flush();
  } catch (e) {
    await handle(e as Error);
  }
}

void main(process.argv.slice(2));
