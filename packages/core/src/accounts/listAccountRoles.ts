import type { CoreDeps } from "../deps.js";
import { toServiceError } from "../aws-errors/index.js";
import { getValidToken, loginFixCommand } from "../token/index.js";
import type { SsoSession } from "../types.js";
import type { ListOptions } from "./listAccounts.js";
import { createSsoClient } from "./ssoClient.js";

/** The role names the session's user may assume in one account (all pages), sorted. */
export async function listAccountRoles(deps: CoreDeps, session: SsoSession, accountId: string, options: ListOptions = {}): Promise<string[]> {
  const accessToken = options.accessToken ?? (await getValidToken(deps, session, options.oidcEndpoint ? { oidcEndpoint: options.oidcEndpoint } : {})).accessToken;
  const { client, sdk, destroy } = await createSsoClient(session.region, options.ssoEndpoint, options.sleep);
  const roles: string[] = [];
  try {
    for await (const page of sdk.paginateListAccountRoles({ client, pageSize: 100 }, { accessToken, accountId })) {
      for (const r of page.roleList ?? []) if (r.roleName) roles.push(r.roleName);
    }
  } catch (e) {
    throw toServiceError(e, { service: "sso", operation: "ListAccountRoles", endpoint: options.ssoEndpoint, region: session.region }, loginFixCommand(session));
  } finally {
    destroy();
  }
  return roles.sort();
}
