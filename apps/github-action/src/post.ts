import * as core from "@actions/core";
import { defaultDeps } from "@sso-creds/core";
import { cleanup } from "./cleanup.js";

try {
  await cleanup(core, defaultDeps());
} catch (e) {
  core.setFailed(`sso-creds cleanup failed: ${e instanceof Error ? e.message : String(e)}`);
}
