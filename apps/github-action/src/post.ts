import * as core from "@actions/core";
import * as fs from "node:fs/promises";
import { cleanup } from "./cleanup.js";

try {
  await cleanup(core, { fs });
} catch (e) {
  core.setFailed(`sso-creds cleanup failed: ${e instanceof Error ? e.message : String(e)}`);
}
