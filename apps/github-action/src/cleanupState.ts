import type { Actions } from "./readInputs.js";
import type { WrittenProfileFile as WrittenFile } from "@sso-creds/core";

/** What the main step exported and wrote; saved with saveState so the post step can undo it. */
export interface CleanupState {
  variables: string[];
  files: WrittenFile[];
}

export const CLEANUP_STATE_KEY = "cleanup";

/** Records changes as they happen: each change is saved before it is made, so a failure half-way leaves nothing behind. */
export class CleanupRecorder {
  readonly state: CleanupState = { variables: [], files: [] };
  constructor(private readonly core: Actions) {}

  variable(name: string): void {
    if (!this.state.variables.includes(name)) this.state.variables.push(name);
    this.save();
  }

  file(file: WrittenFile): void {
    const known = this.state.files.find((f) => f.path === file.path && f.header === file.header);
    if (!known) this.state.files.push(file);
    this.save();
  }

  private save(): void {
    this.core.saveState(CLEANUP_STATE_KEY, JSON.stringify(this.state));
  }
}

export function parseCleanupState(text: string): CleanupState {
  if (!text) return { variables: [], files: [] };
  const parsed = JSON.parse(text) as Partial<CleanupState>;
  return { variables: parsed.variables ?? [], files: parsed.files ?? [] };
}
