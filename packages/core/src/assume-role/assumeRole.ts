import { sectionHeader } from "../config/sectionHeader.js";
import { ConfigError, CredentialsError, ServiceError, type SsoCredsError } from "../errors.js";
import { shellQuote } from "../util/shellQuote.js";
import { awsErrorInfo, serviceUrl, unreachableError, type AwsErrorInfo } from "../aws-errors/index.js";
import { awsClientConfig, type NetworkOptions } from "../network/awsClientConfig.js";
import type { CoreDeps } from "../deps.js";
import type { RoleCredentials } from "../types.js";
import type { AssumeRoleStep } from "../config/resolveRoleChain.js";
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
  /** The profile's ca_bundle (AWS_CA_BUNDLE wins over it). */
  caBundle?: NetworkOptions["caBundle"];
}

// botocore: AssumeRoleCredentialFetcher._get_credentials; JS SDK: credential-provider-ini resolveAssumeRoleCredentials
/** STS AssumeRole for one step of a chain. The SDK is imported lazily (the warm-cache path never loads it). */
export async function assumeRole(deps: Pick<CoreDeps, "env" | "fs">, step: AssumeRoleStep, call: AssumeRoleCall): Promise<AssumeRoleResponse> {
  const role = `role ${step.roleArn} (profile ${step.profileName})`;
  const header = sectionHeader(step.profileName);
  return stsAssumeRole(
    deps,
    {
      roleArn: step.roleArn,
      roleSessionName: call.roleSessionName,
      externalId: step.externalId,
      ...(step.mfaSerial !== undefined ? { serialNumber: step.mfaSerial, tokenCode: call.tokenCode } : {}),
      durationSeconds: step.durationSeconds,
      sourceCredentials: call.sourceCredentials,
      stsEndpoint: call.stsEndpoint,
      region: call.region,
      caBundle: call.caBundle,
      roleLabel: role,
    },
    (info) => {
      if (info.name === "AccessDenied" && /MultiFactorAuthentication/i.test(info.detail)) {
        return new CredentialsError(`STS refused the MFA code for ${step.mfaSerial} when assuming ${role}; enter the current code from the device.`, {
          code: "MfaRejected",
          fix: `sso env --profile ${shellQuote(step.profileName)}`,
        });
      }
      if (info.name === "AccessDenied") {
        return new CredentialsError(`STS denied AssumeRole of ${role} to the credentials of profile ${call.sourceProfileName}.`, {
          code: "AssumeRoleDenied",
          fix: `check role_arn${step.externalId !== undefined ? ", external_id" : ""} and source_profile under ${header} in ${call.configFile} (the role's trust policy must allow the source role)`,
        });
      }
      if (info.name === "ExpiredToken" || info.name === "InvalidClientTokenId") {
        return new CredentialsError(`STS rejected the credentials of profile ${call.sourceProfileName} (${info.name}) when assuming ${role}.`, {
          code: "SourceCredentialsRejected",
          fix: `sso login --profile ${shellQuote(call.sourceProfileName)}`,
        });
      }
      if (info.name === "ValidationError" && step.durationSeconds !== undefined && /duration/i.test(info.detail)) {
        return new ConfigError(`STS refused duration_seconds = ${step.durationSeconds} for ${role}: ${info.detail}`, {
          code: "ConfigInvalid",
          fix: `set \`duration_seconds = 3600\` under ${header} in ${call.configFile} (role chaining allows at most one hour)`,
        });
      }
      return undefined;
    },
  );
}

/** One STS AssumeRole request, as the SDK sends it, plus how messages name the role. */
export interface StsAssumeRoleInput extends NetworkOptions {
  roleArn: string;
  roleSessionName: string;
  externalId?: string | undefined;
  serialNumber?: string | undefined;
  tokenCode?: string | undefined;
  durationSeconds?: number | undefined;
  /** Credentials that sign the call. */
  sourceCredentials: RoleCredentials;
  /** STS endpoint URL; undefined → AWS's for the region. */
  stsEndpoint: string | undefined;
  region: string;
  /** How messages name the role, e.g. "role arn:aws:iam::222222222222:role/Deployer (profile deploy)". */
  roleLabel: string;
}

/**
 * The STS call shared by the config chain (assumeRole) and a role ARN given directly (assumeRoleArn): the SDK's
 * retries (3 attempts: throttling, 5xx and network faults with exponential backoff; 10 s per request), the response
 * checked and shaped. `explain` turns the errors its caller can say something specific about (denied, rejected source
 * credentials, a refused duration) into that caller's message; undefined leaves the common network/service message.
 */
export async function stsAssumeRole(deps: Pick<CoreDeps, "env" | "fs">, input: StsAssumeRoleInput, explain: (info: AwsErrorInfo) => SsoCredsError | undefined): Promise<AssumeRoleResponse> {
  const { STSClient, AssumeRoleCommand } = await import("@aws-sdk/client-sts");
  const c = input.sourceCredentials;
  const client = new STSClient({
    ...(await awsClientConfig(deps, { region: input.region, endpoint: input.stsEndpoint, caBundle: input.caBundle })),
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken },
  });
  const role = input.roleLabel;
  try {
    const res = await client.send(
      new AssumeRoleCommand({
        RoleArn: input.roleArn,
        RoleSessionName: input.roleSessionName,
        ...(input.externalId !== undefined ? { ExternalId: input.externalId } : {}),
        ...(input.serialNumber !== undefined ? { SerialNumber: input.serialNumber, TokenCode: input.tokenCode } : {}),
        ...(input.durationSeconds !== undefined ? { DurationSeconds: input.durationSeconds } : {}),
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
      accountId: accountOf(arn) ?? accountOf(input.roleArn) ?? "",
      assumedRoleId: res.AssumedRoleUser?.AssumedRoleId,
      assumedRoleArn: arn,
      requestId: res.$metadata.requestId,
      attempts: res.$metadata.attempts ?? 1,
    };
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    const info = awsErrorInfo(e);
    const call = { service: "sts", operation: "AssumeRole", endpoint: input.stsEndpoint, region: input.region } as const;
    const where = ` at ${serviceUrl(call)}`;
    if (info.network) throw unreachableError(call, info, `to assume ${role}`);
    const specific = explain(info);
    if (specific) throw specific;
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
