import { listAccountsAndRoles, parseRoleFilter, type CoreDeps, type PortalRateStats, type RoleFilter, type SsoAccountWithRoles } from "@sso-creds/core";
import type { SessionTarget } from "./base-command.js";

export interface ListingResult {
  /** Accounts that kept at least one role, with only the roles the filter keeps. */
  accounts: SsoAccountWithRoles[];
  filter: RoleFilter | undefined;
}

/**
 * What `sso list` and `sso populate` share: the whole listing (complete or an error, never partial), `--filter`
 * applied (account patterns before ListAccountRoles, so they save calls), and the progress on stderr.
 */
export async function listFiltered(
  deps: CoreDeps,
  target: SessionTarget,
  flags: { filter?: string[] | undefined; quiet?: boolean | undefined; debug?: boolean | undefined },
  command: "sso list" | "sso populate",
): Promise<ListingResult> {
  const filter = flags.filter?.length ? parseRoleFilter(flags.filter, command) : undefined;
  const progress = flags.quiet ? undefined : listingProgress(process.stderr);
  let all: SsoAccountWithRoles[];
  const started = Date.now();
  try {
    all = await listAccountsAndRoles(deps, target.session, {
      ssoEndpoint: target.ssoEndpoint,
      oidcEndpoint: target.oidcEndpoint,
      caBundle: target.caBundle,
      ...(filter ? { accountFilter: (a) => filter.acceptsAccount(a) } : {}),
      ...(progress ? { onAccountsPage: progress.accounts, onProgress: progress.roles } : {}),
      // --debug: what the rate limiter saw, for a slow or throttled listing.
      ...(flags.debug
        ? {
            onStats: (s: PortalRateStats) =>
              process.stderr.write(
                `portal: ${s.sent} calls in ${((Date.now() - started) / 1000).toFixed(1)} s, ${s.throttled} throttled, ${s.cuts} rate cuts, ${s.transientRetries} transient retries, rate now ${s.rate}/s\n`,
              ),
          }
        : {}),
    });
  } finally {
    progress?.stop();
  }
  if (!filter) return { accounts: all, filter };
  const accounts = all.map((a) => ({ ...a, roles: a.roles.filter((r) => filter.accepts(a, r)) })).filter((a) => a.roles.length > 0);
  return { accounts, filter };
}

interface ListingProgress {
  accounts(listed: number): void;
  roles(done: number, total: number): void;
  stop(): void;
}

/**
 * On a terminal, one line rewritten in place (cli-progress): done/total, rate, ETA, cleared when the listing ends.
 * Otherwise a plain line per tenth of the accounts (a CI log stays short).
 */
export function listingProgress(stream: NodeJS.WriteStream): ListingProgress {
  const rate = rateMeter();
  if (!stream.isTTY) {
    let lastDecile = -1;
    return {
      accounts: () => undefined,
      roles: (done, total) => {
        const r = rate(done);
        const decile = Math.floor((10 * done) / Math.max(1, total));
        if (decile === lastDecile) return;
        lastDecile = decile;
        const left = r > 0 && done < total ? `, about ${formatSeconds((total - done) / r)} left` : "";
        stream.write(`fetched roles for ${done}/${total} accounts${r > 0 ? ` (${r.toFixed(1)}/s${left})` : ""}\n`);
      },
      stop: () => undefined,
    };
  }
  let bar: import("cli-progress").SingleBar | undefined;
  let loading: Promise<typeof import("cli-progress")> | undefined;
  let accountsShown = false;
  let stopped = false;
  let firstRolesAt: number | undefined;
  const clearAccountsLine = () => {
    if (accountsShown) stream.write("\r\x1b[K");
    accountsShown = false;
  };
  return {
    accounts: (listed) => {
      if (bar || stopped) return;
      stream.write(`\r\x1b[Klisting accounts: ${listed}`);
      accountsShown = true;
    },
    roles: (done, total) => {
      const payload = { rate: rate(done).toFixed(1) };
      if (bar) return bar.update(done, payload);
      // A listing done within a moment (most organisations) shows no bar at all.
      firstRolesAt ??= Date.now();
      if (Date.now() - firstRolesAt < 400 && done < total) return;
      if (done === total && !loading) return;
      loading ??= import("cli-progress");
      void loading.then((m) => {
        if (stopped || bar) return bar?.update(done, payload);
        clearAccountsLine();
        bar = new m.SingleBar(
          {
            stream,
            format: "roles {bar} {value}/{total} accounts | {rate}/s | ETA {eta_formatted}",
            barsize: 24,
            hideCursor: true,
            // The summary that follows says it all; a failure's one line says how far it got.
            clearOnComplete: true,
            etaBuffer: 200,
            fps: 5,
          },
          m.Presets.shades_classic,
        );
        bar.start(total, done, payload);
      });
    },
    stop: () => {
      stopped = true;
      clearAccountsLine();
      bar?.stop();
    },
  };
}

/** Accounts per second over the last 10 s (since the first account before that; 0 until the second). */
function rateMeter(): (done: number) => number {
  const samples: Array<[number, number]> = [];
  return (done) => {
    const now = Date.now();
    samples.push([now, done]);
    while (samples.length > 2 && now - samples[1]![0] > 10_000) samples.shift();
    const [t0, d0] = samples[0]!;
    return now > t0 ? ((done - d0) * 1000) / (now - t0) : 0;
  };
}

function formatSeconds(s: number): string {
  if (s < 90) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
