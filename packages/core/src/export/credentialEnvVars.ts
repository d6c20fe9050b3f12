import { SsoCredsError } from "../errors.js";
import type { RoleCredentials } from "../types.js";

/** The variables a credential hand-out sets, in the order they are printed. */
export const CREDENTIAL_ENV_NAMES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_ACCOUNT_ID",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
] as const;

/**
 * The environment variables both SDKs read for static credentials, as ordered [name, value] pairs.
 * AWS_ACCOUNT_ID is set too: botocore and the JS SDK read it with env credentials (account-based
 * endpoints), and a stale one left over from another profile would point them at the wrong account.
 * Region variables only when a region is configured, so an existing AWS_REGION is not overridden with nothing.
 */
export function credentialEnvVars(creds: RoleCredentials, region?: string): Array<[string, string]> {
  const vars: Array<[string, string]> = [
    ["AWS_ACCESS_KEY_ID", creds.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", creds.secretAccessKey],
    ["AWS_SESSION_TOKEN", creds.sessionToken],
    ["AWS_CREDENTIAL_EXPIRATION", new Date(creds.expiration).toISOString()],
  ];
  if (creds.accountId) vars.push(["AWS_ACCOUNT_ID", creds.accountId]);
  if (region) vars.push(["AWS_REGION", region], ["AWS_DEFAULT_REGION", region]);
  for (const [name, value] of vars) {
    // An environment variable cannot hold NUL, so no format could carry such a value faithfully.
    if (value.includes("\0")) throw new SsoCredsError(`The value for ${name} contains a NUL character and cannot be exported.`, { code: "InvalidCredentialValue" });
  }
  return vars;
}
