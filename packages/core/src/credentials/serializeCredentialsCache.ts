import { pythonJsonDumps } from "../fs/pythonJsonDumps.js";
import { formatAwsTimestamp } from "../token/parseAwsTimestamp.js";
import type { RoleCredentials } from "../types.js";

/** The bytes AWS CLI v2 writes to ~/.aws/cli/cache/<key>.json for SSO role credentials (botocore SSOCredentialFetcher). */
export function serializeCredentialsCache(credentials: RoleCredentials): string {
  return pythonJsonDumps({
    ProviderType: "sso",
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: formatAwsTimestamp(credentials.expiration),
      AccountId: credentials.accountId,
    },
  });
}
