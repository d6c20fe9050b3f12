import { ConfigError, CredentialsError } from "../errors.js";
import type { CoreDeps } from "../deps.js";
import type { NetworkOptions } from "../network/awsClientConfig.js";
import type { RoleCredentials } from "../types.js";
import { stsAssumeRole } from "./assumeRole.js";

/** arn:<partition>:iam::<12-digit account>:role/<optional path/><name>, as IAM writes role ARNs. */
const ROLE_ARN = /^arn:aws[-a-z]*:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
/** STS's constraint on RoleSessionName. */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** How the caller's users set each value, for messages: "input role-to-assume", "SSO_ROLE_TO_ASSUME", "role_arn of profile x". */
export interface AssumeRoleSettingNames {
  roleArn: string;
  roleSessionName: string;
  externalId: string;
  durationSeconds: string;
}

export interface AssumeRoleArnRequest extends NetworkOptions {
  roleArn: string;
  /** Credentials that sign the call: the SSO role's, or the previous role's of a chain. */
  sourceCredentials: RoleCredentials;
  /** Who the source credentials belong to, for messages: "the SSO role ReadOnlyAccess in account 111111111111". */
  source: string;
  roleSessionName: string;
  externalId?: string | undefined;
  durationSeconds?: number | undefined;
  /** STS endpoint URL (AWS_ENDPOINT_URL_STS etc., resolved by the caller); undefined → AWS's for the region. */
  stsEndpoint?: string | undefined;
  region: string;
  names: AssumeRoleSettingNames;
}

export interface AssumedRole {
  /** The assumed role's credentials; accountId is the role's account. */
  credentials: RoleCredentials;
  /** arn:aws:sts::<account>:assumed-role/<role>/<session>, as STS returned it. */
  assumedRoleArn: string | undefined;
}

/** The account and name of a role ARN, or undefined when it is not one (a role name, a user ARN, a typo). */
export function parseRoleArn(arn: string): { accountId: string; roleName: string } | undefined {
  const m = ROLE_ARN.exec(arn);
  return m ? { accountId: m[1]!, roleName: m[3]! } : undefined;
}

/** parseRoleArn, or a ConfigError naming the setting: checked before any call, so a typo costs no request. */
export function checkRoleArn(arn: string, settingName: string): { accountId: string; roleName: string } {
  const parsed = parseRoleArn(arn);
  if (!parsed) {
    throw new ConfigError(`${capitalize(settingName)} is "${arn}", which is not an IAM role ARN.`, {
      code: "InvalidRoleArn",
      fix: `set ${settingName} to the role's ARN, arn:aws:iam::<12-digit account ID>:role/<role name>`,
    });
  }
  return parsed;
}

/** A RoleSessionName STS accepts, or a ConfigError naming the setting. */
export function checkRoleSessionName(name: string, settingName: string): string {
  if (!SESSION_NAME.test(name)) {
    throw new ConfigError(`${capitalize(settingName)} is "${name}"; a role session name is 2 to 64 letters, digits and + = , . @ _ - characters.`, {
      code: "InvalidRoleSessionName",
      fix: `set ${settingName} to a name such as ci-deploy`,
    });
  }
  return name;
}

/**
 * A DurationSeconds setting as text: a whole number of seconds within STS's bounds (900 to 43200), or a ConfigError
 * naming the setting. STS itself caps a role assumed with role credentials at one hour; that refusal names it too.
 */
export function checkRoleDurationSeconds(text: string, settingName: string): number {
  const seconds = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(seconds >= 900 && seconds <= 43_200)) {
    throw new ConfigError(`${capitalize(settingName)} is "${text}", not a whole number of seconds from 900 to 43200.`, {
      code: "ConfigInvalid",
      fix: `set ${settingName} to 3600 or less (a role assumed with role credentials lasts at most one hour)`,
    });
  }
  return seconds;
}

/**
 * STS AssumeRole of a role ARN given directly (the GitHub Action's role-to-assume, the container's SSO_ROLE_TO_ASSUME,
 * each hop of a config chain assumed in memory), signed with the source credentials. Nothing is cached or written:
 * the caller holds the result. The ARN and session name are checked first; the SDK retries throttling, 5xx and
 * network faults; a refusal is one line naming the role, the source and the setting to fix. Messages hold no secret.
 */
export async function assumeRoleArn(deps: Pick<CoreDeps, "env" | "fs">, request: AssumeRoleArnRequest): Promise<AssumedRole> {
  const { roleArn, names, source } = request;
  checkRoleArn(roleArn, names.roleArn);
  checkRoleSessionName(request.roleSessionName, names.roleSessionName);
  const response = await stsAssumeRole(
    deps,
    {
      roleArn,
      roleSessionName: request.roleSessionName,
      externalId: request.externalId,
      durationSeconds: request.durationSeconds,
      sourceCredentials: request.sourceCredentials,
      stsEndpoint: request.stsEndpoint,
      region: request.region,
      caBundle: request.caBundle,
      roleLabel: `role ${roleArn} (${names.roleArn})`,
    },
    (info) => {
      if (info.name === "AccessDenied") {
        const external = request.externalId !== undefined ? ` with the external ID given in ${names.externalId}` : "";
        return new CredentialsError(`STS denied AssumeRole of ${roleArn} (${names.roleArn}) to ${source}.`, {
          code: "AssumeRoleDenied",
          fix: `${roleArn} must trust that role (its trust policy must allow sts:AssumeRole by it${external}), and that role must be allowed to call sts:AssumeRole on ${roleArn}; or correct ${names.roleArn}${request.externalId !== undefined ? ` and ${names.externalId}` : ""}`,
        });
      }
      if (info.name === "ExpiredToken" || info.name === "InvalidClientTokenId") {
        return new CredentialsError(`STS rejected the credentials of ${source} (${info.name}) when assuming ${roleArn}.`, {
          code: "SourceCredentialsRejected",
          fix:
            info.name === "ExpiredToken"
              ? "check this machine's clock (the credentials had expired by STS's), then run again"
              : `check that STS in ${request.region}${request.stsEndpoint ? ` at ${request.stsEndpoint}` : ""} is in the same partition as the source role (the region, AWS_ENDPOINT_URL_STS)`,
        });
      }
      if (info.name === "ValidationError" && request.durationSeconds !== undefined && /duration/i.test(info.detail)) {
        return new ConfigError(`STS refused ${names.durationSeconds} = ${request.durationSeconds} for ${roleArn}: ${info.detail}`, {
          code: "ConfigInvalid",
          fix: `set ${names.durationSeconds} between 900 and 3600 (a role assumed with role credentials lasts at most one hour)`,
        });
      }
      if (info.name === "ValidationError") {
        return new ConfigError(`STS refused to assume ${roleArn}: ${info.detail}`, { code: "ConfigInvalid", fix: `check ${names.roleArn} and ${names.roleSessionName}` });
      }
      return undefined;
    },
  );
  return {
    credentials: {
      accessKeyId: response.accessKeyId,
      secretAccessKey: response.secretAccessKey,
      sessionToken: response.sessionToken,
      expiration: response.expiration,
      accountId: response.accountId,
    },
    assumedRoleArn: response.assumedRoleArn,
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
