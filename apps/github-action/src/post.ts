import * as core from "@actions/core";
import { defaultDeps } from "@sso-creds/core";
import { cleanup } from "./cleanup.js";
import { failureMessage } from "./failureMessage.js";

try {
  await cleanup(core, defaultDeps());
} catch (e) {
  // The same line as the main step's failures (a foreign error is shown by its kind only), named as the cleanup's.
  core.setFailed(`Cleanup failed: ${failureMessage(e)}`);
}
// Done: leave once the log is flushed, not when a timer an SDK client left armed (a socket timeout) fires.
await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write("", resolve))));
process.exit();
