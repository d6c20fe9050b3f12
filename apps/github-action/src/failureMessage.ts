import { isSsoCredsError } from "@sso-creds/core";

/**
 * The one line `setFailed` shows. Core's errors never hold a secret; anything else is shown by class name only,
 * since a foreign error message could quote the token input (JSON.parse does).
 */
export function failureMessage(e: unknown): string {
  if (isSsoCredsError(e)) return e.fix ? `${e.message} Fix: ${e.fix}` : e.message;
  const name = e instanceof Error ? e.name : typeof e;
  return `sso-creds failed with an unexpected ${name}; rerun with ACTIONS_STEP_DEBUG=true for details.`;
}
