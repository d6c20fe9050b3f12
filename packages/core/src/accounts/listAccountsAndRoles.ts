import type { CoreDeps } from "../deps.js";
import { getValidToken } from "../token/index.js";
import type { SsoSession } from "../types.js";
import { listAccountRoles } from "./listAccountRoles.js";
import { listAccounts, type ListOptions, type SsoAccount } from "./listAccounts.js";

export interface SsoAccountWithRoles extends SsoAccount {
  roles: string[];
}

/** Accounts and their roles; a few accounts at a time, which stays under Identity Center's throttling for most orgs. */
export async function listAccountsAndRoles(
  deps: CoreDeps,
  session: SsoSession,
  options: ListOptions & { concurrency?: number; /** Called after each account's roles arrive (progress for large organisations). */ onProgress?: (done: number, total: number) => void } = {},
): Promise<SsoAccountWithRoles[]> {
  // One token read (and refresh) for the whole listing.
  const accessToken = options.accessToken ?? (await getValidToken(deps, session, options.oidcEndpoint ? { oidcEndpoint: options.oidcEndpoint } : {})).accessToken;
  const opts = { ...options, accessToken };
  const accounts = await listAccounts(deps, session, opts);
  const result: SsoAccountWithRoles[] = accounts.map((a) => ({ ...a, roles: [] }));
  let next = 0;
  let finished = 0;
  const worker = async () => {
    for (let i = next++; i < result.length; i = next++) {
      const entry = result[i] as SsoAccountWithRoles;
      entry.roles = await listAccountRoles(deps, session, entry.accountId, opts);
      options.onProgress?.(++finished, result.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, result.length) }, worker));
  return result;
}
