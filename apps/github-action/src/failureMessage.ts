import { formatUserLine, isSsoCredsError, TokenError } from "@sso-creds/core";

/** Which secret to update and how, added to every failure that a new token fixes. */
const UPDATE_SECRET = "The secret to update is the one you pass as sso-token, e.g. `gh secret set AWS_SSO_TOKEN < ~/.aws/sso/cache/<sha1>.json`.";

/**
 * The one line `setFailed` shows. Core's errors never hold a secret; anything else is shown by class name only,
 * since a foreign error message could quote the token input (JSON.parse does).
 */
export function failureMessage(e: unknown): string {
  if (!isSsoCredsError(e)) {
    // File errors (profile files, permissions) name a syscall and a path, never file contents.
    const errno = e as NodeJS.ErrnoException;
    if (e instanceof Error && typeof errno.code === "string" && typeof errno.syscall === "string") {
      return `Could not ${errno.syscall} ${errno.path ?? "a file"} (${errno.code}).`;
    }
    const name = e instanceof Error ? e.name : typeof e;
    return `sso-creds failed with an unexpected ${name}; please report it at the sso-creds issue tracker.`;
  }
  const line = formatUserLine({ message: e.message, fix: e.fix, sentence: true });
  return e instanceof TokenError && e.code !== "TokenStartUrlMismatch" ? `${line} ${UPDATE_SECRET}` : line;
}
