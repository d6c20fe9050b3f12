import * as core from "@actions/core";
import { defaultDeps } from "@sso-creds/core";
import { failureMessage } from "./failureMessage.js";
import { runAction } from "./runAction.js";

try {
  await runAction(core, defaultDeps());
} catch (e) {
  core.setFailed(failureMessage(e));
}
// Done: leave once the log is flushed, not when a timer an SDK client left armed (a socket timeout) fires.
await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write("", resolve))));
process.exit();
