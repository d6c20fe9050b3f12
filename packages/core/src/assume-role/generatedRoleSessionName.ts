// botocore: BaseAssumeRoleCredentialFetcher._generate_assume_role_name
/**
 * The RoleSessionName of an AssumeRole call whose profile or settings give none: `sso-creds-<epoch seconds>`, so that
 * CloudTrail shows which tool assumed the role, as the SDKs do.
 * botocore: `AssumeRoleProvider._role_session_name` ("botocore-session-<epoch seconds>"); JS SDK: `fromIni`'s
 * `aws-sdk-js-<epoch ms>`.
 */
export function generatedRoleSessionName(nowMs: number): string {
  return `sso-creds-${Math.floor(nowMs / 1000)}`;
}
