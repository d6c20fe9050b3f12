// The command-line options of the benchmark scripts (`./dev bench`, `./dev bench populate`).
import { parseArgs } from "node:util";

/** parseArgs over this process's arguments; `pnpm bench -- --rounds 5` passes the `--` through, which is dropped. */
export function benchOptions(options) {
  return parseArgs({ args: process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--")), options }).values;
}
