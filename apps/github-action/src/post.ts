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
