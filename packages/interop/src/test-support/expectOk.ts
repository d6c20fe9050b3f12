import { expect } from "vitest";
import type { Run } from "./peers.js";

/** The run exited 0; otherwise the assertion shows what the program said on stderr (peers print no secrets there). */
export function expectOk(run: Run, label: string): Run {
  expect(run.code, `${label} exited ${run.code}: ${run.stderr.trim().slice(0, 2000)}`).toBe(0);
  return run;
}
