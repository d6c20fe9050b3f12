import { describe, expect, it } from "vitest";
import { ServiceError } from "../errors.js";
import type { RoleCredentials } from "../types.js";
import { keepCredentialsFresh } from "./keepCredentialsFresh.js";

const MIN = 60_000;
const creds = (n: number, expiration: number): RoleCredentials => ({ accessKeyId: `ASIA${n}`, secretAccessKey: "s", sessionToken: "t", expiration, accountId: "111111111111" });

/** A fetch that hands out credentials `lifetimeMs` long on a settable clock, counting calls; `fail` makes the next ones throw. */
function source(lifetimeMs: number) {
  const s = { clock: 0, calls: 0, fail: false };
  return Object.assign(s, {
    now: () => s.clock,
    fetch: async () => {
      s.calls++;
      if (s.fail) throw new ServiceError("The SSO portal could not be reached.", { code: "NetworkError" });
      return creds(s.calls, s.clock + lifetimeMs);
    },
  });
}

describe("keepCredentialsFresh", () => {
  it("reuses credentials until 15 minutes before expiry, then fetches new ones", async () => {
    const src = source(60 * MIN);
    const fresh = keepCredentialsFresh({ fetch: src.fetch, now: src.now, background: false });
    expect((await fresh.get()).accessKeyId).toBe("ASIA1");
    src.clock = 44 * MIN;
    expect((await fresh.get()).accessKeyId).toBe("ASIA1");
    src.clock = 45 * MIN;
    expect((await fresh.get()).accessKeyId).toBe("ASIA2");
    expect(src.calls).toBe(2);
  });

  it("short-lived credentials are reused for half their lifetime", async () => {
    const src = source(10_000);
    const fresh = keepCredentialsFresh({ fetch: src.fetch, now: src.now, background: false, initial: creds(0, 10_000) });
    expect((await fresh.get()).accessKeyId).toBe("ASIA0");
    src.clock = 4_999;
    expect((await fresh.get()).accessKeyId).toBe("ASIA0");
    src.clock = 5_000;
    expect((await fresh.get()).accessKeyId).toBe("ASIA1");
  });

  it("concurrent requests share one fetch", async () => {
    const src = source(60 * MIN);
    const fresh = keepCredentialsFresh({ fetch: src.fetch, now: src.now, background: false });
    const all = await Promise.all(Array.from({ length: 10 }, () => fresh.get()));
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(["ASIA1"]));
    expect(src.calls).toBe(1);
  });

  it("a failed refresh serves the old credentials while they are valid, and fails once they expired", async () => {
    const src = source(60 * MIN);
    const errors: unknown[] = [];
    const fresh = keepCredentialsFresh({ fetch: src.fetch, now: src.now, background: false, onRefreshError: (e) => errors.push(e) });
    await fresh.get();
    src.fail = true;
    src.clock = 50 * MIN;
    expect((await fresh.get()).accessKeyId).toBe("ASIA1");
    expect(errors).toHaveLength(1);
    src.clock = 60 * MIN;
    await expect(fresh.get()).rejects.toThrow(/could not be reached/);
    src.fail = false;
    expect((await fresh.get()).accessKeyId).toBe("ASIA4");
  });

  it("refuses credentials that are already expired (a wrong clock) instead of serving them", async () => {
    const fresh = keepCredentialsFresh({ fetch: async () => creds(1, 1_000), now: () => 5_000, background: false });
    await expect(fresh.get()).rejects.toThrow(/already expired .* clock/);
  });

  it("refreshes in the background before the window, so requests never wait", async () => {
    let calls = 0;
    const fresh = keepCredentialsFresh({
      // 400 ms credentials: the timer fires at half their lifetime.
      fetch: async () => creds(++calls, Date.now() + 400),
    });
    try {
      expect((await fresh.get()).accessKeyId).toBe("ASIA1");
      // No get() meanwhile: only the timer can have fetched.
      await new Promise((r) => setTimeout(r, 900));
      expect(calls).toBeGreaterThanOrEqual(2);
      expect((await fresh.get()).expiration).toBeGreaterThan(Date.now());
    } finally {
      fresh.stop();
    }
    const stoppedAt = calls;
    await new Promise((r) => setTimeout(r, 500));
    expect(calls).toBe(stoppedAt);
  });

  it("retries a failed background refresh after retryDelayMs", async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const fresh = keepCredentialsFresh({
      fetch: async () => {
        calls++;
        if (calls === 2) throw new ServiceError("The SSO portal could not be reached.");
        return creds(calls, Date.now() + 2_000);
      },
      refreshWindowMs: 1_800,
      retryDelayMs: 100,
      onRefreshError: (e) => errors.push(e),
    });
    try {
      await fresh.get(); // refreshAt = expiry - min(1800, 1000) = +1000 ms
      await new Promise((r) => setTimeout(r, 1_400));
      expect(errors).toHaveLength(1);
      expect(calls).toBe(3);
      expect((await fresh.get()).accessKeyId).toBe("ASIA3");
    } finally {
      fresh.stop();
    }
  });
});
