import { sectionHeader } from "../config/sectionHeader.js";
import { ConfigError, CredentialsError, ServiceError } from "../errors.js";
import { shellQuote } from "../fs/shellQuote.js";
import { awsErrorInfo } from "../token/awsErrorInfo.js";
import type { RoleCredentials } from "../types.js";
import type { AssumeRoleStep } from "./resolveRoleChain.js";
import type { AssumeRoleResponse } from "./serializeAssumeRoleCache.js";

export interface AssumeRoleCall {
  /** Credentials that sign the call (the SSO role, or the previous role of the chain). */
  sourceCredentials: RoleCredentials;
  /** Who the source credentials belong to, for error messages: the source profile name. */
  sourceProfileName: string;
  roleSessionName: string;
  /** The MFA code for step.mfaSerial, when it has one. */
  tokenCode: string | undefined;
  /** STS endpoint URL (AWS_ENDPOINT_URL_STS etc., resolved by the caller); default AWS's for the region. */
  stsEndpoint: string | undefined;
  region: string;
  /** For fix hints: the config file the step's profile is in. */
  configFile: string;
}

/** STS AssumeRole for one step of a chain. The SDK is imported lazily (the warm-cache path never loads it). */
export async function assumeRole(step: AssumeRoleStep, call: AssumeRoleCall): Promise<AssumeRoleResponse> {
  const { STSClient, AssumeRoleCommand } = await import("@aws-sdk/client-sts");
  const c = call.sourceCredentials;
  const client = new STSClient({
    region: call.region,
    ...(call.stsEndpoint ? { endpoint: call.stsEndpoint } : {}),
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken },
    ignoreConfiguredEndpointUrls: true,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000 },
  });
  const role = `role ${step.roleArn} (profile ${step.profileName})`;
  try {
    const res = await client.send(
      new AssumeRoleCommand({
        RoleArn: step.roleArn,
        RoleSessionName: call.roleSessionName,
        ...(step.externalId !== undefined ? { ExternalId: step.externalId } : {}),
        ...(step.mfaSerial !== undefined ? { SerialNumber: step.mfaSerial, TokenCode: call.tokenCode } : {}),
        ...(step.durationSeconds !== undefined ? { DurationSeconds: step.durationSeconds } : {}),
      }),
    );
    const k = res.Credentials;
    if (!k?.AccessKeyId || !k.SecretAccessKey || !k.SessionToken || !k.Expiration) {
      throw new ServiceError(`STS returned incomplete credentials for ${role}.`, { code: "InvalidResponse" });
    }
    const arn = res.AssumedRoleUser?.Arn;
    return {
      accessKeyId: k.AccessKeyId,
      secretAccessKey: k.SecretAccessKey,
      sessionToken: k.SessionToken,
      expiration: Math.floor(k.Expiration.getTime() / 1000) * 1000,
      accountId: accountOf(arn) ?? accountOf(step.roleArn) ?? "",
      assumedRoleId: res.AssumedRoleUser?.AssumedRoleId,
      assumedRoleArn: arn,
      requestId: res.$metadata.requestId,
      attempts: res.$metadata.attempts ?? 1,
    };
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    const info = awsErrorInfo(e);
    const where = call.stsEndpoint ? ` at ${call.stsEndpoint}` : ` (sts.${call.region}.amazonaws.com)`;
    const header = sectionHeader(step.profileName);
    if (info.network) {
      throw new ServiceError(`Could not reach STS${where} to assume ${role}: ${info.detail || info.name}.`, { code: "NetworkError" });
    }
    if (info.name === "AccessDenied" && /MultiFactorAuthentication/i.test(info.detail)) {
      throw new CredentialsError(`STS refused the MFA code for ${step.mfaSerial} when assuming ${role}; enter the current code from the device.`, {
        code: "MfaRejected",
        fix: `sso env --profile ${shellQuote(step.profileName)}`,
      });
    }
    if (info.name === "AccessDenied") {
      throw new CredentialsError(`STS denied AssumeRole of ${role} to the credentials of profile ${call.sourceProfileName}.`, {
        code: "AssumeRoleDenied",
        fix: `check role_arn${step.externalId !== undefined ? ", external_id" : ""} and source_profile under ${header} in ${call.configFile} (the role's trust policy must allow the source role)`,
      });
    }
    if (info.name === "ExpiredToken" || info.name === "InvalidClientTokenId") {
      throw new CredentialsError(`STS rejected the credentials of profile ${call.sourceProfileName} (${info.name}) when assuming ${role}.`, {
        code: "SourceCredentialsRejected",
        fix: `sso login --profile ${shellQuote(call.sourceProfileName)}`,
      });
    }
    if (info.name === "ValidationError" && step.durationSeconds !== undefined && /duration/i.test(info.detail)) {
      throw new ConfigError(`STS refused duration_seconds = ${step.durationSeconds} for ${role}: ${info.detail}`, {
        code: "ConfigInvalid",
        fix: `set \`duration_seconds = 3600\` under ${header} in ${call.configFile} (role chaining allows at most one hour)`,
      });
    }
    throw new ServiceError(`STS${where} failed to assume ${role}: ${info.name}${info.status ? ` (HTTP ${info.status})` : ""}.`, {
      code: info.status === 429 || info.name === "Throttling" ? "Throttled" : "ServiceUnavailable",
    });
  } finally {
    client.destroy();
  }
}

function accountOf(arn: string | undefined): string | undefined {
  return arn ? /^arn:[\w-]+:(?:sts|iam)::(\d{12}):/.exec(arn)?.[1] : undefined;
}
