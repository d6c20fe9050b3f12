import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { pacedCall, PortalRateLimiter } from "./portalRateLimiter.js";

beforeAll(async () => {
  await import("@smithy/core/retry"); // pacedCall loads it lazily: loaded before the clock is faked
});
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

const throttle = () => Object.assign(new Error("Too many requests"), { name: "TooManyRequestsException", $metadata: { httpStatusCode: 429 } });
const fault = (status: number) => Object.assign(new Error("boom"), { name: "InternalServerException", $metadata: { httpStatusCode: status } });

async function sendTimes(limiter: PortalRateLimiter, n: number): Promise<number[]> {
  const times = Promise.all(Array.from({ length: n }, () => limiter.acquire()));
  await vi.advanceTimersByTimeAsync(60_000);
  return times;
}

describe("PortalRateLimiter", () => {
  it("spaces requests evenly at the ceiling: never a burst, whatever number of workers wait", async () => {
    const limiter = new PortalRateLimiter({ maxRps: 10 });
    const times = await sendTimes(limiter, 25);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...gaps)).toBeLessThan(102);
    // In no one-second window more than 10.
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(10);
  });

  it("a late timer (a busy event loop) is caught up without sagging the rate, and never more than the rate in any second", async () => {
    let lag = 0;
    const limiter = new PortalRateLimiter({ maxRps: 10, now: () => Date.now() + lag });
    const times: number[] = [];
    const all = Array.from({ length: 60 }, () => limiter.acquire().then((t) => times.push(t)));
    await vi.advanceTimersByTimeAsync(1500);
    lag += 200; // the event loop was blocked for 200 ms
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(10);
    // 60 sends at 10/s take 5.9 s of schedule; the 200 ms stall is made up (up to 250 ms is) rather than added.
    expect(times.at(-1)! - times[0]!).toBeLessThanOrEqual(5900);
  });

  it("a lone throttle cuts nothing (jitter); a second within a second cuts, once per overload (echoes of requests sent before the cut do not), then the rate climbs back on the cubic curve", async () => {
    const limiter = new PortalRateLimiter({ maxRps: 20 });
    limiter.throttled(Date.now());
    expect(limiter.rate()).toBe(20);
    vi.advanceTimersByTime(1500);
    limiter.throttled(Date.now());
    expect(limiter.rate()).toBe(20); // more than a second apart: still jitter
    vi.advanceTimersByTime(10);
    const before = Date.now();
    limiter.throttled(before);
    expect(limiter.rate()).toBeCloseTo(17, 5);
    limiter.throttled(before - 1); // sent before the cut
    limiter.throttled(before - 1);
    expect(limiter.stats()).toMatchObject({ throttled: 5, cuts: 1 });
    vi.advanceTimersByTime(1);
    limiter.throttled(Date.now()); // sent after it: a new overload, once it is a run
    limiter.throttled(Date.now());
    expect(limiter.rate()).toBeCloseTo(17 * 0.85, 1);
    const w = 17; // the rate the second cut hit
    // Back to W after cbrt(W*0.15/0.002) ≈ 10.8 s, flat near it, then above it, and never above the ceiling.
    vi.advanceTimersByTime(Math.cbrt((w * 0.15) / 0.002) * 1000);
    expect(limiter.rate()).toBeCloseTo(w, 1);
    vi.advanceTimersByTime(5000);
    expect(limiter.rate()).toBeGreaterThan(w);
    expect(limiter.rate()).toBeLessThan(w + 0.5);
    vi.advanceTimersByTime(60_000);
    expect(limiter.rate()).toBe(20);
  });

  it("after a second of sending, a throttle sets W to the calls served in the last second: a far lower limit is found in one cut", async () => {
    const limiter = new PortalRateLimiter({ maxRps: 19 });
    const sends = Array.from({ length: 25 }, () => limiter.acquire());
    for (let i = 0; i < 7; i++) {
      await vi.advanceTimersByTimeAsync(53);
      limiter.succeeded();
    }
    await vi.advanceTimersByTimeAsync(1000);
    limiter.throttled(Date.now());
    limiter.throttled(Date.now());
    expect(limiter.rate()).toBeGreaterThanOrEqual(19 * 0.85 - 0.01); // nothing served in the last second: no measure, a plain cut
    await vi.advanceTimersByTimeAsync(1);
    // 7 served in the last second (of sending for over a second): W = 7.
    for (let i = 0; i < 7; i++) limiter.succeeded();
    limiter.throttled(Date.now());
    limiter.throttled(Date.now());
    expect(limiter.rate()).toBeCloseTo(7 * 0.85, 1);
    expect(limiter.stats().cuts).toBe(2);
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all(sends);
  });

  it("after a storm of throttles it never stops: the rate stays above its floor and climbs back to the ceiling within a minute", async () => {
    const limiter = new PortalRateLimiter({ maxRps: 19 });
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(1);
      limiter.throttled(Date.now());
    }
    expect(limiter.rate()).toBe(0.5);
    vi.advanceTimersByTime(60_000);
    expect(limiter.rate()).toBe(19);
  });

  it("a retried call goes first in line", async () => {
    const limiter = new PortalRateLimiter({ maxRps: 10 });
    const order: string[] = [];
    await limiter.acquire();
    const a = limiter.acquire().then(() => order.push("a"));
    const b = limiter.acquire().then(() => order.push("b"));
    const retry = limiter.acquire(true).then(() => order.push("retry"));
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all([a, b, retry]);
    expect(order).toEqual(["retry", "a", "b"]);
  });
});

describe("pacedCall", () => {
  it("retries throttling for as long as the listing progresses (far beyond a fixed budget)", async () => {
    const limiter = new PortalRateLimiter({ maxRps: 50, stallMs: 60_000 });
    let calls = 0;
    const p = pacedCall(limiter, async () => {
      if (++calls <= 40) {
        if (calls % 5 === 0) limiter.succeeded(); // other workers' calls keep succeeding
        throw throttle();
      }
      return "ok";
    });
    await vi.advanceTimersByTimeAsync(120_000);
    await expect(p).resolves.toBe("ok");
    expect(calls).toBe(41);
  });

  it("gives up on throttling only when no call has succeeded for stallMs", async () => {
    const limiter = new PortalRateLimiter({ maxRps: 50, stallMs: 3000 });
    let calls = 0;
    const p = pacedCall(limiter, async () => {
      calls++;
      throw throttle();
    });
    const settled = p.catch((e: Error) => e);
    await vi.advanceTimersByTimeAsync(30_000);
    const e = await settled;
    expect((e as Error).name).toBe("TooManyRequestsException");
    expect(calls).toBeGreaterThan(2);
  });

  it("retries 5xx and resets a bounded number of times, without cutting the rate; other errors at once", async () => {
    const limiter = new PortalRateLimiter({ maxRps: 50, transientAttempts: 4 });
    let calls = 0;
    const flaky = pacedCall(limiter, async () => {
      if (++calls < 3) throw calls === 1 ? fault(503) : Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      return 1;
    });
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(flaky).resolves.toBe(1);
    expect(limiter.stats()).toMatchObject({ transientRetries: 2, cuts: 0 });

    calls = 0;
    const down = pacedCall(limiter, async () => {
      calls++;
      throw fault(500);
    }).catch((e: Error) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(((await down) as Error).name).toBe("InternalServerException");
    expect(calls).toBe(4);

    calls = 0;
    const denied = pacedCall(limiter, async () => {
      calls++;
      throw Object.assign(new Error("expired"), { name: "UnauthorizedException", $metadata: { httpStatusCode: 401 } });
    }).catch((e: Error) => e);
    await vi.advanceTimersByTimeAsync(1000);
    expect(((await denied) as Error).name).toBe("UnauthorizedException");
    expect(calls).toBe(1);
  });
});
