import type { CoreDeps } from "../deps.js";
import { CredentialsError, ServiceError, TokenError } from "../errors.js";
import { shellQuote } from "../util/shellQuote.js";
import { awsErrorInfo, serviceUrl, unreachableError } from "../aws-errors/index.js";
import { describeSession, loginFixCommand } from "../token/loginFixCommand.js";
import { awsClientConfig, type NetworkOptions } from "../network/awsClientConfig.js";
import type { RoleCredentials, SsoProfile } from "../types.js";
import { sleep as realSleep, type Sleep } from "../util/sleep.js";

export interface FetchRoleCredentialsOptions extends NetworkOptions {
  /** SSO portal endpoint URL (AWS_ENDPOINT_URL_SSO etc., resolved by the caller); default: AWS's for the sso_region. */
  ssoEndpoint?: string | undefined;
  /**
   * Epoch ms (wall clock) until which throttling is waited out: a throttled call is retried with backoff while the
   * next attempt can still start before it. Default: one minute from now.
   */
  deadline?: number | undefined;
  /** Injected by tests. */
  sleep?: Sleep | undefined;
}

/** Waits between throttled rounds of the SDK's own 3 attempts: exponential from 500 ms, capped, with full jitter. */
const THROTTLE_BASE_MS = 500;
const THROTTLE_CAP_MS = 5_000;
const DEFAULT_DEADLINE_MS = 60_000;

// botocore: SSOCredentialFetcher._get_credentials; JS SDK: credential-provider-sso resolveSSOCredentials
/**
 * GetRoleCredentials for the profile's account and role with this access token. The SDK is imported lazily.
 * Expiration is truncated to whole seconds, as the cache file stores it, so every process reports the same value.
 */
export async function fetchRoleCredentials(
  deps: CoreDeps,
  profile: SsoProfile,
  accessToken: string,
  options: FetchRoleCredentialsOptions = {},
): Promise<RoleCredentials> {
  const { SSOClient, GetRoleCredentialsCommand } = await import("@aws-sdk/client-sso");
  const { session, accountId, roleName } = profile;
  const client = new SSOClient(await awsClientConfig(deps, { region: session.region, endpoint: options.ssoEndpoint, caBundle: options.caBundle }));
  const role = `role ${roleName} in account ${accountId}`;
  try {
    const deadline = options.deadline ?? Date.now() + DEFAULT_DEADLINE_MS;
    const sleep = options.sleep ?? realSleep;
    let res;
    // Throttling is no failure while the caller can still wait (its waiters on our lock wait longer than this deadline):
    // the SDK's 3 attempts are spent within seconds, so keep going, backing off, until the deadline.
    for (let round = 0; ; round++) {
      try {
        res = await client.send(new GetRoleCredentialsCommand({ accountId, roleName, accessToken }));
        break;
      } catch (e) {
        const wait = Math.random() * Math.min(THROTTLE_CAP_MS, THROTTLE_BASE_MS * 2 ** round);
        if (!isThrottling(e) || Date.now() + wait >= deadline) throw e;
        await sleep(wait);
      }
    }
    const c = res.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken || !c.expiration) {
      throw new ServiceError(`The SSO portal returned incomplete credentials for ${role}.`, { code: "InvalidResponse" });
    }
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: Math.floor(c.expiration / 1000) * 1000,
      accountId,
    };
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    const info = awsErrorInfo(e);
    const call = { service: "sso", operation: "GetRoleCredentials", endpoint: options.ssoEndpoint, region: session.region } as const;
    const where = ` at ${serviceUrl(call)}`;
    if (info.network) throw unreachableError(call, info, `for ${role}`);
    if (info.name === "UnauthorizedException") {
      throw new TokenError(`The SSO session for ${describeSession(session)} expired or was revoked (GetRoleCredentials refused the token).`, {
        fix: loginFixCommand(session, { profileName: profile.profileName }),
        code: "TokenRejected",
      });
    }
    if (info.name === "ResourceNotFoundException" || info.name === "ForbiddenException" || info.name === "InvalidRequestException" || info.status === 403 || info.status === 404) {
      const list =
        session.name !== undefined ? `sso list --sso-session ${shellQuote(session.name)}` : `sso list --profile ${shellQuote(profile.profileName)}`;
      throw new CredentialsError(`No access to ${role} for profile ${profile.profileName} (${info.name}).`, { fix: list, code: "RoleNotAvailable" });
    }
    throw new ServiceError(
      `The SSO portal${where} failed to return credentials for ${role}: ${info.name}${info.status ? ` (HTTP ${info.status})` : ""}.`,
      { code: isThrottling(e) ? "Throttled" : "ServiceUnavailable" },
    );
  } finally {
    client.destroy();
  }
}

function isThrottling(e: unknown): boolean {
  const info = awsErrorInfo(e);
  return info.status === 429 || info.name === "TooManyRequestsException";
}
