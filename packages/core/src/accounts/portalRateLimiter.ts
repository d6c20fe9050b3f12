/**
 * Client-side rate control for the SSO portal's listings (ListAccounts, ListAccountRoles): one budget per portal
 * endpoint, shared by every worker of the process, that stays under Identity Center's throttling instead of bursting
 * into it, slows down when throttled, then recovers.
 *
 * Why our own and not the SDK v3's `adaptive` retry mode (AdaptiveRetryStrategy + DefaultRateLimiter in
 * @smithy/core/retry). Its parts, read in @smithy/core 3.41 and measured by `./dev bench populate` (README: on a quiet
 * machine it lists 1,000 accounts at 20/s in 1.145x the floor with 3.2 % of calls throttled, against 1.062x and 0 %
 * here; at an unknown 7/s 1.189x against 1.087x), fall short of issue 19's goals in four ways:
 * 1. Its limiter is off until the first throttle, so the first second of a listing goes out at whatever rate the
 *    workers reach, straight into the limit.
 * 2. Its bucket holds a second's worth of tokens: after any lull it sends a burst. Identity Center (and the emulator)
 *    count requests in a one-second window, so a full bucket plus its refill goes over the limit.
 * 3. Its CUBIC recovery (beta 0.7, scale 0.4) climbs back to the throttled rate in about 2.5 s at 20 requests/s and is
 *    throttled again: a steady share of throttled calls instead of a few.
 * 4. The retry strategy gives up after maxAttempts (3 by default) and once its retry quota (500 tokens, 5 per retry)
 *    is spent, so one call can fail on throttling while the rest of the listing succeeds (the failure the issue quotes).
 * What we keep from the SDK: its error classification (`isThrottlingError`, `isTransientError`), so we retry exactly
 * what the SDK would.
 *
 * The model: requests leave one at a time, evenly spaced at the current rate (a timer that fires late is caught up,
 * by at most half a second), and never more than the rate's worth in any one-second window, so no burst goes over.
 * The rate starts just under the service's known limit (about 20/s). A throttle cuts it to 85 % of the rate it hit (W;
 * 95 % when the last second's calls were nearly all served, i.e. the limit is just about where we are) when a second
 * throttle follows within a second (a lone throttle is jitter), at most once per overload: throttles of requests sent
 * before the last cut are echoes of the same overload; after a second of
 * sending, W is at most the calls served in the last second (what a window limit let through). Then it climbs back on a
 * cubic curve (CUBIC's shape, with a gentler constant than the SDK's): quickly at first, flat near W for several
 * seconds, then faster beyond W, so it finds an unknown lower limit within a second or two, touches it only every
 * several seconds, and after a storm of throttles climbs back to the ceiling within about half a minute.
 * A throttled call is retried (first in line) for as long as calls keep succeeding; it fails only when no portal call
 * has succeeded for `stallMs`. Other transient failures (5xx, resets, timeouts) get a bounded number of retries with
 * jittered backoff.
 */
import { sleep as realSleep, type Sleep } from "../util/sleep.js";
import type { CoreDeps } from "../deps.js";
import type { NetworkOptions } from "../network/awsClientConfig.js";
import { createSsoClient } from "./ssoClient.js";

export interface PortalRateLimiterOptions {
  /** The rate never goes above this (requests/s). Default 19: just under Identity Center's 20/s. */
  maxRps?: number;
  /** Nor below this (requests/s). Default 0.5. */
  minRps?: number;
  /** A throttled call fails once no call has succeeded for this long (ms). Default 60 s. */
  stallMs?: number;
  /** Attempts of a call failing with a transient (non-throttling) error, the first included. Default 8. */
  transientAttempts?: number;
  now?: () => number;
  sleep?: Sleep;
}

/** What the limiter saw: the benchmark and the tests read it. */
export interface PortalRateStats {
  sent: number;
  throttled: number;
  transientRetries: number;
  cuts: number;
  /** The current rate (requests/s). */
  rate: number;
}

const BETA = 0.85;
const BETA_NEAR = 0.95;
/** Requests/s per s³: back to W in cbrt(W × 0.15 / C) s, 8 s at W = 7, 11 s at W = 19. */
const CUBIC_C = 0.002;
const CATCH_UP_MS = 500;

export class PortalRateLimiter {
  readonly maxRps: number;
  readonly minRps: number;
  readonly stallMs: number;
  readonly transientAttempts: number;
  readonly now: () => number;
  readonly sleep: Sleep;
  /** The rate the last throttle hit (W), when we cut, and the seconds the curve takes back to W (K). */
  private lastMax: number;
  private cutAt: number | undefined;
  private k = 0;
  /** The schedule's next slot, the send times of the last second, and the success times of the last second. */
  private nextDue = -Infinity;
  private readonly recent: number[] = [];
  private readonly served: number[] = [];
  private firstSentAt: number | undefined;
  /** Throttles (not echoes) of the last second. */
  private readonly recentThrottles: number[] = [];
  private lastSuccessAt = -Infinity;
  private readonly waiting: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly counts = { sent: 0, throttled: 0, transientRetries: 0, cuts: 0 };

  constructor(options: PortalRateLimiterOptions = {}) {
    this.maxRps = options.maxRps ?? 19;
    this.minRps = Math.min(options.minRps ?? 0.5, this.maxRps);
    this.stallMs = options.stallMs ?? 60_000;
    this.transientAttempts = options.transientAttempts ?? 8;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.lastMax = this.maxRps;
  }

  /** Requests per second allowed now. */
  rate(): number {
    if (this.cutAt === undefined) return this.maxRps;
    const t = Math.max(0, this.now() - this.cutAt) / 1000;
    return Math.min(this.maxRps, Math.max(this.minRps, CUBIC_C * (t - this.k) ** 3 + this.lastMax));
  }

  stats(): PortalRateStats {
    return { ...this.counts, rate: Number(this.rate().toFixed(2)) };
  }

  /**
   * Wait for this request's turn; resolves with its send time. `first` puts a retried call at the head of the line,
   * so a call that throttling delayed is not starved by the calls that came after it.
   */
  acquire(first = false): Promise<number> {
    return new Promise((resolve) => {
      const go = () => {
        this.counts.sent++;
        resolve(this.now());
      };
      if (first) this.waiting.unshift(go);
      else this.waiting.push(go);
      this.pump();
    });
  }

  /** A call succeeded. */
  succeeded(): void {
    this.lastSuccessAt = this.now();
    this.served.push(this.lastSuccessAt);
    while (this.served.length > 0 && this.served[0]! <= this.lastSuccessAt - 1000) this.served.shift();
  }

  /**
   * A call sent at `sentAt` was throttled: cut the rate (to beta × W at t = 0) when it is the second throttle within a
   * second, unless a cut already answered this overload.
   */
  throttled(sentAt: number): void {
    this.counts.throttled++;
    if (this.cutAt !== undefined && sentAt < this.cutAt) return;
    const now = this.now();
    // One throttle alone, seconds from any other, is jitter (requests bunched on the way in), not a limit below us:
    // it is retried but cuts nothing. Over a real limit throttles come in runs, and the second one cuts.
    this.recentThrottles.push(now);
    while (this.recentThrottles.length > 0 && this.recentThrottles[0]! <= now - 1000) this.recentThrottles.shift();
    if (this.recentThrottles.length < 2) return;
    this.recentThrottles.length = 0;
    // After a full second of sending, the calls served in the last second measure the limit (a window limit lets
    // exactly that many through): W is at most that, so a limit far below the rate is found in one cut, not seven.
    while (this.served.length > 0 && this.served[0]! <= now - 1000) this.served.shift();
    const measured = this.firstSentAt !== undefined && now - this.firstSentAt >= 1000 && this.served.length > 0 ? this.served.length : Infinity;
    const rate = this.rate();
    this.lastMax = Math.max(this.minRps, Math.min(rate, measured));
    // Served nearly at our whole rate: the limit is just about where we are (a throttle from jitter, or the probe
    // touching it), so a light cut; otherwise the usual one.
    const beta = measured !== Infinity && measured >= 0.9 * rate ? BETA_NEAR : BETA;
    this.k = Math.cbrt((this.lastMax * (1 - beta)) / CUBIC_C);
    this.cutAt = now;
    this.counts.cuts++;
    // The pending release was timed for the old rate.
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.pump();
  }

  transientRetry(): void {
    this.counts.transientRetries++;
  }

  /** True while some call succeeded within stallMs (or the asking call started within it). */
  progressing(callStartedAt: number): boolean {
    return this.now() - Math.max(this.lastSuccessAt, callStartedAt) < this.stallMs;
  }

  private pump(): void {
    if (this.timer) return;
    while (this.waiting.length > 0) {
      const now = this.now();
      const rate = this.rate();
      while (this.recent.length > 0 && this.recent[0]! <= now - 1000) this.recent.shift();
      // Never more than the rate's worth in any one-second window (the service counts that way), whatever the schedule says.
      const cap = Math.max(1, Math.ceil(rate - 1e-9));
      const windowFree = this.recent.length < cap ? now : this.recent[this.recent.length - cap]! + 1000;
      const due = Math.max(this.nextDue, windowFree);
      if (due > now) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, due - now);
        return;
      }
      // The next slot is one interval after this one's place in the schedule: a timer that fires late (a busy event
      // loop, a loaded machine) is caught up, by at most CATCH_UP_MS, so the rate does not sag; the window cap above
      // keeps any catch-up within the limit.
      const base = this.nextDue === -Infinity ? now : Math.max(this.nextDue, now - CATCH_UP_MS);
      this.nextDue = base + 1000 / rate;
      this.recent.push(now);
      this.firstSentAt ??= now;
      this.waiting.shift()!();
    }
  }
}

const shared = new Map<string, PortalRateLimiter>();

/**
 * The process's one limiter for a portal endpoint (region, or an endpoint override), so concurrent listings in one
 * process share the budget the service enforces. `maxRps` (e.g. from SSO_CREDS_PORTAL_MAX_RPS) only applies when the
 * limiter is first made.
 */
export function portalRateLimiter(region: string, endpoint: string | undefined, options: PortalRateLimiterOptions = {}): PortalRateLimiter {
  const key = `${region} ${endpoint ?? ""} ${options.maxRps ?? ""}`;
  let limiter = shared.get(key);
  if (!limiter) shared.set(key, (limiter = new PortalRateLimiter(options)));
  return limiter;
}

/**
 * Send one portal request through the limiter: throttling is retried while the listing progresses, other transient
 * errors a bounded number of times; anything else (or giving up) throws the SDK's error for the caller to map.
 */
export async function pacedCall<T>(limiter: PortalRateLimiter, send: () => Promise<T>): Promise<T> {
  const { isThrottlingError, isTransientError } = await import("@smithy/core/retry");
  const startedAt = limiter.now();
  let transientFailures = 0;
  let retry = false;
  for (;;) {
    const sentAt = await limiter.acquire(retry);
    try {
      const result = await send();
      limiter.succeeded();
      return result;
    } catch (e) {
      const err = e as Parameters<typeof isThrottlingError>[0];
      if (typeof e === "object" && e !== null && isThrottlingError(err)) {
        limiter.throttled(sentAt);
        if (!limiter.progressing(startedAt)) throw e;
        retry = true;
        continue;
      }
      if (typeof e === "object" && e !== null && isTransientOrServer(err, isTransientError) && ++transientFailures < limiter.transientAttempts) {
        limiter.transientRetry();
        // Full jitter on 100 ms × 2^n, at most 5 s (the SDK's backoff shape, more attempts).
        await limiter.sleep(Math.random() * Math.min(5000, 100 * 2 ** transientFailures));
        retry = true;
        continue;
      }
      throw e;
    }
  }
}

function isTransientOrServer(err: { $metadata?: { httpStatusCode?: number }; name?: string; code?: string }, isTransientError: (e: never) => boolean): boolean {
  const status = err.$metadata?.httpStatusCode ?? 0;
  // A reset socket surfaces from node's http as ECONNRESET or "socket hang up" (code ECONNRESET as well).
  return isTransientError(err as never) || (status >= 500 && status <= 599) || err.name === "InternalServerException" || err.name === "ServiceUnavailableException";
}

/** An SSO portal client whose every send (the SDK paginators call only `send`) goes through `pacedCall`. */
export async function pacedSsoClient(
  deps: Pick<CoreDeps, "env" | "fs">,
  region: string,
  endpoint: string | undefined,
  limiter: PortalRateLimiter,
  network: NetworkOptions = {},
): Promise<{ client: import("@aws-sdk/client-sso").SSOClient; sdk: typeof import("@aws-sdk/client-sso"); destroy: () => void }> {
  const { client: inner, sdk, destroy } = await createSsoClient(deps, region, endpoint, network);
  const send = (...args: unknown[]) => pacedCall(limiter, () => (inner.send as (...a: unknown[]) => Promise<unknown>)(...args));
  const client = new Proxy(inner, { get: (t, p, r) => (p === "send" ? send : Reflect.get(t, p, r)) });
  return { client, sdk, destroy };
}
