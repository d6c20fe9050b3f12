import type { CoreDeps } from "../deps.js";
import { ssoCredentialsCachePath } from "../paths/index.js";
import type { SsoProfile } from "../types.js";

/** ~/.aws/cli/cache/<key>.json for this profile, keyed as botocore's SSOCredentialFetcher does. */
export function credentialsCachePath(deps: CoreDeps, profile: SsoProfile): string {
  const { accountId, roleName, session } = profile;
  return ssoCredentialsCachePath(deps, { accountId, roleName, sessionName: session.name, startUrl: session.startUrl });
}
