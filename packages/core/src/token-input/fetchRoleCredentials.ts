import { CredentialsError, ServiceError, TokenError } from "../errors.js";
import type { RoleCredentials } from "../types.js";
import { MAX_ATTEMPTS } from "./constants.js";
import { describeServiceError } from "./describeServiceError.js";
import { TOKEN_INPUT_FIX } from "./parseTokenInput.js";

/** GetRoleCredentials with the SDK's retries; failures say whether the token or the account/role is at fault. */
export async function fetchRoleCredentials(
  accessToken: string,
  options: { accountId: string; roleName: string; region: string; endpoint: string | undefined; source: string },
): Promise<RoleCredentials> {
  const sdk = await import("@aws-sdk/client-sso");
  const client = new sdk.SSOClient({ region: options.region, maxAttempts: MAX_ATTEMPTS, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
  const what = `role ${options.roleName} in account ${options.accountId}`;
  try {
    const out = await client.send(new sdk.GetRoleCredentialsCommand({ accessToken, accountId: options.accountId, roleName: options.roleName }));
    const c = out.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken || !c.expiration) {
      throw new ServiceError(`GetRoleCredentials for ${what} returned incomplete credentials.`, { code: "InvalidCredentialsResponse" });
    }
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration, accountId: options.accountId };
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    const { name, text, network } = describeServiceError(e);
    if (network) {
      throw new ServiceError(`Cannot reach the IAM Identity Center portal in ${options.region}${options.endpoint ? ` at ${options.endpoint}` : ""} (${text}).`, {
        code: "NetworkError",
        fix: "check the network, or AWS_ENDPOINT_URL_SSO",
        cause: e,
      });
    }
    // The portal answers an unassigned account or role with 403/404 (ForbiddenException "No access", ResourceNotFoundException).
    if (name === "ForbiddenException" || name === "ResourceNotFoundException" || name === "AccessDeniedException") {
      throw new CredentialsError(`This token cannot get credentials for ${what} (${text}).`, {
        code: "RoleNotAvailable",
        fix: "check account-id and role-name: the permission set must be assigned to this user in that account (`sso list` shows what the token can reach)",
        cause: e,
      });
    }
    if (name === "UnauthorizedException") {
      throw new TokenError(`IAM Identity Center rejected ${options.source} (${text}): it was revoked (signed out) or is for another IAM Identity Center instance.`, { code: name, fix: TOKEN_INPUT_FIX, cause: e });
    }
    throw new ServiceError(`GetRoleCredentials for ${what} failed (${text}).`, { code: name, cause: e });
  } finally {
    client.destroy();
  }
}
