import type { SSOClient } from "@aws-sdk/client-sso";
import { sleep as realSleep, type Sleep } from "../util/sleep.js";

/** Identity Center throttles around 20 requests/s; waits (ms) before each retry of a throttled call. */
export const THROTTLE_BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];

/**
 * An SSO portal client (SDK loaded lazily) whose `send` retries TooManyRequestsException with growing waits,
 * so the SDK paginators keep going through throttling instead of losing every page fetched so far. A throttled call
 * pauses every call on this client, not only its own retry: otherwise the other workers keep the rate limit used up
 * and the retried call can lose every attempt to them (populate's 4 workers against 500 accounts did).
 */
export async function createSsoClient(
  region: string,
  endpoint: string | undefined,
  sleep: Sleep = realSleep,
): Promise<{ client: SSOClient; sdk: typeof import("@aws-sdk/client-sso"); destroy: () => void }> {
  const sdk = await import("@aws-sdk/client-sso");
  // One attempt per send: throttling is retried here (with the injected sleep), so tests control every wait.
  const inner = new sdk.SSOClient({ region, maxAttempts: 1, ...(endpoint ? { endpoint } : {}) });
  let resumeAt = 0;
  const send = async (command: unknown, ...rest: unknown[]): Promise<unknown> => {
    for (let attempt = 0; ; attempt++) {
      const paused = resumeAt - Date.now();
      if (paused > 0) await sleep(paused);
      try {
        return await (inner.send as (c: unknown, ...r: unknown[]) => Promise<unknown>)(command, ...rest);
      } catch (e) {
        const wait = THROTTLE_BACKOFF_MS[attempt];
        if ((e as { name?: string }).name !== "TooManyRequestsException" || wait === undefined) throw e;
        const ms = wait * (0.75 + Math.random() / 2);
        resumeAt = Math.max(resumeAt, Date.now() + ms);
        await sleep(ms);
      }
    }
  };
  // The paginators only call client.send; everything else is the real client.
  const client = new Proxy(inner, { get: (t, p, r) => (p === "send" ? send : Reflect.get(t, p, r)) });
  return { client, sdk, destroy: () => inner.destroy() };
}
