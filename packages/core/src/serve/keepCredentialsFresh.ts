import { CredentialsError } from "../errors.js";
import type { RoleCredentials } from "../types.js";
import { ROLE_CREDENTIALS_EXPIRY_WINDOW_MS } from "../credentials/constants.js";

export interface KeepCredentialsFreshOptions {
  /** Gets new role credentials (GetRoleCredentials, refreshing the token when needed). */
  fetch: () => Promise<RoleCredentials>;
  /** Epoch ms. */
  now?: () => number;
  /**
   * Replace credentials when less than this remains. Default 15 min: botocore refreshes at 15 min and fails below
   * 10 min, so it must never be handed credentials that are already inside that window. Capped at half the lifetime,
   * so short-lived credentials (tests, short permission sets) are still reused for a while.
   */
  refreshWindowMs?: number;
  /** Refresh on a timer before the window, so requests are answered from memory (SDKs give the endpoint 1–2 s). Default true. */
  background?: boolean;
  /** After a failed background refresh, try again this much later (while the old credentials last). Default 30 s. */
  retryDelayMs?: number;
  /** Credentials already fetched (the check before starting a command), used before the first fetch. */
  initial?: RoleCredentials;
  /** A background refresh failed; the old credentials are still served while they last. */
  onRefreshError?: (error: unknown) => void;
}

export interface FreshCredentials {
  /** Credentials outside the refresh window, fetching at most once at a time. */
  get(): Promise<RoleCredentials>;
  /** Stops the background timer. */
  stop(): void;
}

interface Held {
  creds: RoleCredentials;
  refreshAt: number;
}

/**
 * Holds role credentials in memory and replaces them before they expire: what a long-running credential endpoint
 * (the container entry point's server mode, `sso serve`) needs so every SDK asking it gets credentials with time left.
 * A failed refresh keeps serving the old credentials while they are valid; concurrent callers share one fetch.
 */
export function keepCredentialsFresh(options: KeepCredentialsFreshOptions): FreshCredentials {
  const now = options.now ?? Date.now;
  const window = options.refreshWindowMs ?? ROLE_CREDENTIALS_EXPIRY_WINDOW_MS;
  const background = options.background ?? true;
  const retryDelayMs = options.retryDelayMs ?? 30_000;
  let held: Held | undefined;
  let inFlight: Promise<RoleCredentials> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const hold = (creds: RoleCredentials): void => {
    const t = now();
    const lifetime = creds.expiration - t;
    held = { creds, refreshAt: creds.expiration - Math.min(window, Math.max(0, lifetime) / 2) };
    schedule(held.refreshAt - t);
  };

  const schedule = (delayMs: number): void => {
    if (!background || stopped) return;
    if (timer) clearTimeout(timer);
    // Never keeps the process alive on its own: the command it serves does.
    timer = setTimeout(() => {
      timer = undefined;
      refresh().catch((error: unknown) => {
        options.onRefreshError?.(error);
        if (held && held.creds.expiration - now() > retryDelayMs) schedule(retryDelayMs);
      });
    }, Math.max(0, delayMs));
    timer.unref();
  };

  const refresh = (): Promise<RoleCredentials> => {
    inFlight ??= options
      .fetch()
      .then((creds) => {
        if (!(creds.expiration > now())) {
          throw new CredentialsError(`The role credentials fetched already expired at ${new Date(creds.expiration).toISOString()}; check this machine's clock.`, {
            code: "CredentialsExpired",
          });
        }
        hold(creds);
        return creds;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  if (options.initial) hold(options.initial);

  return {
    async get() {
      if (held && now() < held.refreshAt) return held.creds;
      try {
        return await refresh();
      } catch (error) {
        // Still valid: better served than an error; the next request (or the timer) tries again.
        if (held && now() < held.creds.expiration) {
          options.onRefreshError?.(error);
          return held.creds;
        }
        throw error;
      }
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
