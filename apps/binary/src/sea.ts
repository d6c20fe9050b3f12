// The standalone `sso`'s entry, as small as the npm bins' hot paths: the credential_process shim (`sso
// credential-process ARGS`, or the binary called as `sso-credential-process`) and the CLI's fast path (`sso env`,
// `exec`, `status`, `use` on a cache hit: ../../cli/src/fast/main.ts, the same code as the npm bin's dist/hot) are
// bundled here. Everything else (help, login, the other commands) is the full CLI, kept out of this script as a SEA
// asset (cli.ts, bundled by build.mjs) and evaluated only then: a script the size of the whole CLI costs every start
// about 30 ms even with V8's code cache, which is most of the hot path's budget.
import { basename } from "node:path";
import { runShim } from "@sso-creds/credential-process/src/shim.js";
import { runFast } from "@sso-creds/cli/src/fast/main.js";
import { loadCliAsset } from "./loadCliAsset.js";

// A CommonJS bundle has no top-level await: one async main.
async function main(argv: string[]): Promise<void> {
  if (basename(process.argv0) === "sso-credential-process") return runShim(argv);
  if (argv[0] === "credential-process") return runShim(argv.slice(1));
  if (await runFast(argv)) {
    // As the npm bin: the answer is written, leave now rather than when a timer an SDK client left armed fires.
    process.exit();
  }
  await loadCliAsset().runCli(argv);
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write("", resolve))));
  process.exit();
}

void main(process.argv.slice(2));
