import * as core from "@actions/core";
import { defaultDeps } from "@sso-creds/core";
import { failureMessage } from "./failureMessage.js";
import { runAction } from "./runAction.js";

try {
  await runAction(core, defaultDeps());
} catch (e) {
  core.setFailed(failureMessage(e));
}
