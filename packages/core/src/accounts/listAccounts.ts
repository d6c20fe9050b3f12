import type { CoreDeps } from "../deps.js";
import { toServiceError } from "../aws-errors/index.js";
import type { Sleep } from "../util/sleep.js";
import { getValidToken, loginFixCommand } from "../token/index.js";
import type { SsoSession } from "../types.js";
import { createSsoClient } from "./ssoClient.js";

export interface SsoAccount {
  accountId: string;
  accountName: string | undefined;
  emailAddress: string | undefined;
}

export interface ListOptions {
  ssoEndpoint?: string | undefined;
  oidcEndpoint?: string | undefined;
  /** Injected for tests (throttling backoff). */
  sleep?: Sleep;
  /** Use this access token instead of reading (and refreshing) the session's cached one. */
  accessToken?: string;
}

/** Every account the session's user can reach (all pages), sorted by name then id. */
export async function listAccounts(deps: CoreDeps, session: SsoSession, options: ListOptions = {}): Promise<SsoAccount[]> {
  const accessToken = options.accessToken ?? (await getValidToken(deps, session, options.oidcEndpoint ? { oidcEndpoint: options.oidcEndpoint } : {})).accessToken;
  const { client, sdk, destroy } = await createSsoClient(session.region, options.ssoEndpoint, options.sleep);
  const accounts: SsoAccount[] = [];
  try {
    for await (const page of sdk.paginateListAccounts({ client, pageSize: 100 }, { accessToken })) {
      for (const a of page.accountList ?? []) {
        if (a.accountId) accounts.push({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress });
      }
    }
  } catch (e) {
    throw toServiceError(e, { service: "sso", operation: "ListAccounts", endpoint: options.ssoEndpoint, region: session.region }, loginFixCommand(session));
  } finally {
    destroy();
  }
  return accounts.sort((a, b) => (a.accountName ?? "").localeCompare(b.accountName ?? "") || a.accountId.localeCompare(b.accountId));
}
