import { runEntrypoint } from "./runEntrypoint.js";

// Usage: entrypoint.mjs COMMAND [ARGS...]; settings come from the environment (see README.md).
const code = await runEntrypoint(process.argv.slice(2), { env: process.env, error: (line) => process.stderr.write(`${line}\n`) });
// Idle keep-alive sockets of the SDK clients must not hold the container open after the command ended.
process.exit(code);
