import { removeProfileSections, type CoreDeps } from "@sso-creds/core";
import { CLEANUP_STATE_KEY, parseCleanupState } from "./cleanupState.js";
import { ACTION_MARKER } from "./profileFiles.js";
import type { Actions } from "./readInputs.js";

/** The post step: empty every variable the main step exported and remove every profile it wrote. */
export async function cleanup(core: Actions, deps: CoreDeps): Promise<void> {
  const state = parseCleanupState(core.getState(CLEANUP_STATE_KEY));
  for (const name of state.variables) core.exportVariable(name, "");
  // Later runs wrote on top of earlier ones: undo in reverse.
  for (const file of [...state.files].reverse()) {
    await removeProfileSections(deps, (line) => line === ACTION_MARKER, (header) => header === file.header, {
      paths: [file.path],
      created: new Set(file.created ? [file.path] : []),
    });
    core.info(`Removed the [${file.header}] section${file.created ? " and the file it was in" : ""}: ${file.path}`);
  }
  if (state.variables.length > 0) core.info(`Cleared ${state.variables.join(", ")}.`);
}
