import type { RoleCredentials } from "../types.js";

/** The JSON an ECS-style container credential endpoint answers with (both SDKs' `fromHttp` / `ContainerProvider`). */
export interface ContainerCredentialsBody {
  AccessKeyId: string;
  SecretAccessKey: string;
  /** `Token`, not `SessionToken`: the container protocol's own name. */
  Token: string;
  /** UTC with `Z`: the JS SDK refuses a numeric offset. */
  Expiration: string;
  AccountId?: string;
}

/** Role credentials in the container endpoint's shape (aws-sso-facts §7.4). */
export function containerCredentialsBody(creds: RoleCredentials): ContainerCredentialsBody {
  const body: ContainerCredentialsBody = {
    AccessKeyId: creds.accessKeyId,
    SecretAccessKey: creds.secretAccessKey,
    Token: creds.sessionToken,
    // Whole seconds, as the AWS CLI writes timestamps; both SDKs also accept fractions, neither needs them.
    Expiration: new Date(creds.expiration).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  if (creds.accountId) body.AccountId = creds.accountId;
  return body;
}
