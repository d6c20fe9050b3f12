import type { TokenSource } from "./readSettings.js";

/** What to do when the token is expired, revoked or unusable: log in on the host and hand the container the new file. */
export function reloginFix(source: TokenSource, profileName?: string): string {
  const login = `sso login${profileName ? ` --profile ${profileName}` : ""} on the host (or aws sso login)`;
  return source.kind === "variable"
    ? `${login}, then pass the new ~/.aws/sso/cache/<sha1>.json in SSO_TOKEN again and restart the container`
    : `${login}, then copy the new token file from ~/.aws/sso/cache/ again (or re-mount it) and restart the container`;
}
