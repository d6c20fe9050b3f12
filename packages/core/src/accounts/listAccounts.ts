import type { SSOClient } from "@aws-sdk/client-sso";
import type { CoreDeps } from "../deps.js";
import { toServiceError } from "../aws-errors/index.js";
import { getValidToken, loginFixCommand } from "../token/index.js";
import type { NetworkOptions } from "../network/awsClientConfig.js";
import type { SsoSession } from "../types.js";
import { pacedSsoClient, portalRateLimiter, type PortalRateLimiter } from "./portalRateLimiter.js";

export interface SsoAccount {
  accountId: string;
  accountName: string | undefined;
  emailAddress: string | undefined;
}

export interface ListOptions extends NetworkOptions {
  ssoEndpoint?: string | undefined;
  oidcEndpoint?: string | undefined;
  /** Use this access token instead of reading (and refreshing) the session's cached one. */
  accessToken?: string;
  /** The rate budget; default the process's shared one for this portal (portalRateLimiter). */
  rateLimiter?: PortalRateLimiter;
}

/** A paced portal client for one listing: every call of every worker goes through one limiter. */
export interface PortalLister {
  client: SSOClient;
  sdk: typeof import("@aws-sdk/client-sso");
  limiter: PortalRateLimiter;
  destroy: () => void;
}

/**
 * The portal client a listing uses. The limiter's ceiling comes from options, else SSO_CREDS_PORTAL_MAX_RPS
 * (for an organisation whose limit AWS raised, and for time-compressed tests), else Identity Center's default.
 */
export async function openPortalLister(deps: Pick<CoreDeps, "env" | "fs">, session: SsoSession, options: ListOptions): Promise<PortalLister> {
  const fromEnv = Number(deps.env.SSO_CREDS_PORTAL_MAX_RPS);
  const limiter =
    options.rateLimiter ?? portalRateLimiter(session.region, options.ssoEndpoint, Number.isFinite(fromEnv) && fromEnv > 0 ? { maxRps: fromEnv } : {});
  const { client, sdk, destroy } = await pacedSsoClient(deps, session.region, options.ssoEndpoint, limiter, { caBundle: options.caBundle });
  return { client, sdk, limiter, destroy };
}

async function accessTokenFor(deps: CoreDeps, session: SsoSession, options: ListOptions): Promise<string> {
  return options.accessToken ?? (await getValidToken(deps, session, { oidcEndpoint: options.oidcEndpoint, caBundle: options.caBundle })).accessToken;
}

/** Every account the session's user can reach (all pages), sorted by name then id. */
export async function listAccounts(
  deps: CoreDeps,
  session: SsoSession,
  options: ListOptions & { lister?: PortalLister; /** Accounts listed so far, after each page. */ onPage?: (listed: number) => void } = {},
): Promise<SsoAccount[]> {
  const accessToken = await accessTokenFor(deps, session, options);
  const lister = options.lister ?? (await openPortalLister(deps, session, options));
  const accounts: SsoAccount[] = [];
  try {
    for await (const page of lister.sdk.paginateListAccounts({ client: lister.client, pageSize: 100 }, { accessToken })) {
      for (const a of page.accountList ?? []) {
        if (a.accountId) accounts.push({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress });
      }
      options.onPage?.(accounts.length);
    }
  } catch (e) {
    throw toServiceError(e, { service: "sso", operation: "ListAccounts", endpoint: options.ssoEndpoint, region: session.region }, loginFixCommand(session));
  } finally {
    if (!options.lister) lister.destroy();
  }
  return accounts.sort((a, b) => (a.accountName ?? "").localeCompare(b.accountName ?? "") || a.accountId.localeCompare(b.accountId));
}

/** The role names the session's user may assume in one account (all pages), sorted. */
export async function listAccountRoles(
  deps: CoreDeps,
  session: SsoSession,
  accountId: string,
  options: ListOptions & { lister?: PortalLister } = {},
): Promise<string[]> {
  const accessToken = await accessTokenFor(deps, session, options);
  const lister = options.lister ?? (await openPortalLister(deps, session, options));
  const roles: string[] = [];
  try {
    for await (const page of lister.sdk.paginateListAccountRoles({ client: lister.client, pageSize: 100 }, { accessToken, accountId })) {
      for (const r of page.roleList ?? []) if (r.roleName) roles.push(r.roleName);
    }
  } catch (e) {
    throw toServiceError(e, { service: "sso", operation: "ListAccountRoles", endpoint: options.ssoEndpoint, region: session.region }, loginFixCommand(session));
  } finally {
    if (!options.lister) lister.destroy();
  }
  return roles.sort();
}
