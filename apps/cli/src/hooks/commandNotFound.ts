import type { Hook } from "@oclif/core";
import { unknownCommandLine } from "../suggest.js";

/**
 * `sso logn` → `sso: logn is not an sso command; did you mean login? Run: sso login`, exit 2 (a usage error).
 * In place of @oclif/plugin-not-found, whose two lines (a warning, then "Run sso help") differ from every other
 * error of ours, exit 127, and whose suggestion is only shown as an interactive prompt, never to scripts or CI.
 * Its matching (fast-levenshtein) is kept.
 */
const hook: Hook.CommandNotFound = async function (opts) {
  process.stderr.write(`${unknownCommandLine(opts.config, opts.id, opts.argv ?? [])}\n`);
  this.exit(2);
};

export default hook;
