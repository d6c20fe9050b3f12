import type { CoreDeps } from "../deps.js";
import { SsoCredsError } from "../errors.js";
import { getValidToken } from "../token/index.js";
import type { SsoSession } from "../types.js";
import { listAccountRoles, listAccounts, openPortalLister, type ListOptions, type SsoAccount } from "./listAccounts.js";
import type { PortalRateStats } from "./portalRateLimiter.js";

export interface SsoAccountWithRoles extends SsoAccount {
  roles: string[];
}

export interface ListAccountsAndRolesOptions extends ListOptions {
  /** Requests in flight at most; the shared limiter paces them. Default 16. */
  concurrency?: number;
  /** Only accounts this accepts get a ListAccountRoles call (an account filter saves the calls). */
  accountFilter?: (account: SsoAccount) => boolean;
  /** After each ListAccounts page: accounts listed so far. */
  onAccountsPage?: (listed: number) => void;
  /** After each account's roles arrive (progress for large organisations). */
  onProgress?: (done: number, total: number) => void;
  /** What the rate limiter counted during this listing (benchmark, debug). */
  onStats?: (stats: PortalRateStats) => void;
}

/**
 * Accounts and their roles, complete or not at all: every call goes through the portal's shared rate limiter, and a
 * call that fails after its retries stops the listing with an error that says how far it got (callers write nothing).
 */
export async function listAccountsAndRoles(deps: CoreDeps, session: SsoSession, options: ListAccountsAndRolesOptions = {}): Promise<SsoAccountWithRoles[]> {
  // One token read (and refresh) for the whole listing.
  const accessToken = options.accessToken ?? (await getValidToken(deps, session, { oidcEndpoint: options.oidcEndpoint, caBundle: options.caBundle })).accessToken;
  const lister = await openPortalLister(deps, session, options);
  const before = lister.limiter.stats();
  const opts = { ...options, accessToken, lister };
  try {
    const all = await listAccounts(deps, session, { ...opts, ...(options.onAccountsPage ? { onPage: options.onAccountsPage } : {}) });
    const accounts = options.accountFilter ? all.filter(options.accountFilter) : all;
    const result: SsoAccountWithRoles[] = accounts.map((a) => ({ ...a, roles: [] }));
    let next = 0;
    let finished = 0;
    let failure: { error: unknown } | undefined;
    const worker = async () => {
      for (let i = next++; i < result.length && !failure; i = next++) {
        const entry = result[i] as SsoAccountWithRoles;
        try {
          entry.roles = await listAccountRoles(deps, session, entry.accountId, opts);
        } catch (e) {
          failure ??= { error: e };
          return;
        }
        finished++; // not inside ?.(): an absent callback would skip the increment
        options.onProgress?.(finished, result.length);
      }
    };
    // Every worker settles before we return or throw: no request of this listing outlives it.
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, result.length) }, worker));
    if (failure) throw withProgress(failure.error, `stopped after the roles of ${finished} of ${result.length} accounts`);
    return result;
  } finally {
    const after = lister.limiter.stats();
    options.onStats?.({
      sent: after.sent - before.sent,
      throttled: after.throttled - before.throttled,
      transientRetries: after.transientRetries - before.transientRetries,
      cuts: after.cuts - before.cuts,
      rate: after.rate,
    });
    lister.destroy();
  }
}

const notes = new WeakMap<SsoCredsError, string[]>();

/**
 * The same error (class, code, fix) with where the work stopped added to its one line; a second note joins the
 * first: "… call failed (X: y) (stopped after the roles of 900 of 1000 accounts; ~/.aws/config was not changed)."
 */
export function withProgress(e: unknown, note: string): unknown {
  if (!(e instanceof SsoCredsError)) return e;
  const previous = notes.get(e);
  const base = previous ? e.message.slice(0, -(previous.join("; ").length + 4)) : e.message.replace(/\.$/, "");
  const all = [...(previous ?? []), note];
  const Ctor = e.constructor as new (message: string, options: { fix?: string; code?: string; cause?: unknown }) => SsoCredsError;
  const out = new Ctor(`${base} (${all.join("; ")}).`, { ...(e.fix ? { fix: e.fix } : {}), code: e.code, cause: e.cause });
  notes.set(out, all);
  return out;
}
