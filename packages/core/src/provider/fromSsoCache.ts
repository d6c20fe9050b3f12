import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { MfaCodeProvider } from "../assume-role/getChainedRoleCredentials.js";
import { defaultDeps, type CoreDeps } from "../deps.js";
import type { RoleCredentials } from "../types.js";
import { resolveCredentials } from "./resolveCredentials.js";

/** Fetch new credentials when less than this remains: the JS SDK's own window for expiring identities. */
export const PROVIDER_REFRESH_WINDOW_MS = 5 * 60 * 1000;

export interface FromSsoCacheInit {
  /** Profile name; default AWS_PROFILE, then "default". */
  profile?: string;
  /** Injected side effects; default the real environment, clock and file system. */
  deps?: CoreDeps;
  /** Asked for an MFA code when a role profile with mfa_serial has to call STS AssumeRole. */
  mfaCode?: MfaCodeProvider;
}

// botocore: SSOProvider.load; JS SDK: credential-provider-sso fromSSO
/**
 * An AWS SDK v3 credential provider backed by the same caches as the AWS CLI and the sso-creds tools:
 * `new S3Client({ credentials: fromSsoCache({ profile: "dev" }) })`. Memoised; calls made while a fetch is in
 * flight share it; credentials are replaced within 5 minutes of expiry. Failures are SsoCredsError subclasses.
 */
export function fromSsoCache(init: FromSsoCacheInit = {}): AwsCredentialIdentityProvider {
  const deps = init.deps ?? defaultDeps();
  let current: RoleCredentials | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;

  const fetch = (forceRefresh: boolean): Promise<AwsCredentialIdentity> => {
    inFlight ??= resolveCredentials(deps, { profile: init.profile, forceRefresh, mfaCode: init.mfaCode })
      .then((creds) => {
        current = creds;
        return toIdentity(creds);
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  return async (identityProperties?: Record<string, unknown>) => {
    const forceRefresh = identityProperties?.forceRefresh === true;
    if (!forceRefresh && current && current.expiration - deps.now() > PROVIDER_REFRESH_WINDOW_MS) return toIdentity(current);
    return fetch(forceRefresh);
  };
}

function toIdentity(c: RoleCredentials): AwsCredentialIdentity {
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: new Date(c.expiration),
    accountId: c.accountId,
  };
}
