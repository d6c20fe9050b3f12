import { pythonJsonDumps } from "../fs/pythonJsonDumps.js";

/** What STS AssumeRole answered, as the cache keeps it. */
export interface AssumeRoleResponse {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch ms. */
  expiration: number;
  /** From AssumedRoleUser.Arn. */
  accountId: string;
  assumedRoleId: string | undefined;
  assumedRoleArn: string | undefined;
  requestId: string | undefined;
  attempts: number;
}

/**
 * The bytes the AWS CLI (botocore JSONFileCache) writes for an AssumeRole response: the whole response dict with
 * Credentials.AccountId added, datetimes as strftime('%Y-%m-%dT%H:%M:%S%Z') → "2026-01-01T00:00:00UTC".
 */
export function serializeAssumeRoleCache(r: AssumeRoleResponse): string {
  const expiration = new Date(Math.floor(r.expiration / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "UTC");
  return pythonJsonDumps({
    Credentials: {
      AccessKeyId: r.accessKeyId,
      SecretAccessKey: r.secretAccessKey,
      SessionToken: r.sessionToken,
      Expiration: expiration,
      AccountId: r.accountId,
    },
    ...(r.assumedRoleArn !== undefined ? { AssumedRoleUser: { AssumedRoleId: r.assumedRoleId, Arn: r.assumedRoleArn } } : {}),
    ResponseMetadata: { RequestId: r.requestId, HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: Math.max(0, r.attempts - 1) },
  });
}
