import type { Hook } from "@oclif/core";

/**
 * `sso exec -p dev ls -h` (no `--`): the `-h` is ls's, but oclif's help check looks at every word before `--` and would
 * show exec's help instead of running ls. When a help flag appears only in the command to run, run exec here, before
 * that check (an init hook can neither change argv nor stop main with exit 0, hence process.exit).
 */
const hook: Hook.Init = async function (opts) {
  if (opts.id !== "exec") return;
  const helpFlags = new Set(["--help", ...(opts.config.pjson.oclif.additionalHelpFlags ?? [])]);
  if (!opts.argv.some((a) => helpFlags.has(a))) return;
  const { default: Exec, splitCommand } = await import("../commands/exec.js");
  const { ownArgv } = splitCommand(opts.argv, Exec.valueFlagNames());
  // A help flag among exec's own flags is a request for help; after `--` oclif already leaves it alone.
  if (ownArgv.some((a) => helpFlags.has(a)) || opts.argv[ownArgv.length] === "--") return;
  await opts.config.runCommand("exec", opts.argv);
  process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
};

export default hook;
