import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SsoCredsError } from "../errors.js";
import { modeOf } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { isProcessAlive, withLock } from "./withLock.js";

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  const pid = child.pid!;
  await new Promise((r) => child.on("exit", r));
  return pid;
}

describe("withLock", () => {
  let t: TempHome;
  let lock: string;
  beforeEach(async () => {
    t = await createTempHome();
    lock = join(t.home, ".aws", "sso", "cache", "k.json.lock");
  });
  afterEach(() => t.cleanup());

  it("runs fn, holds a lock file naming the holder meanwhile, and removes it afterwards (also on throw)", async () => {
    const inside = await withLock(t.deps, lock, async () => {
      expect(await modeOf(lock)).toBe(0o600);
      expect(await modeOf(join(t.home, ".aws", "sso", "cache"))).toBe(0o700);
      return JSON.parse(await readFile(lock, "utf8")) as Record<string, unknown>;
    });
    expect(inside).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(typeof inside.createdAt).toBe("number");
    await expect(readFile(lock)).rejects.toMatchObject({ code: "ENOENT" });
    await expect(withLock(t.deps, lock, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(readFile(lock)).rejects.toMatchObject({ code: "ENOENT" });
    expect((await readdir(join(t.home, ".aws", "sso", "cache"))).filter((n) => n !== "k.json.lock")).toEqual([]);
  });

  it("serialises concurrent holders in one process", async () => {
    let active = 0;
    let maxActive = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        withLock(t.deps, lock, async () => {
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((r) => setTimeout(r, 5));
          order.push(i);
          active--;
        }),
      ),
    );
    expect(maxActive).toBe(1);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("recovers a lock whose holder died on this host", async () => {
    const pid = await deadPid();
    expect(isProcessAlive(pid)).toBe(false);
    await mkdir(join(t.home, ".aws", "sso", "cache"), { recursive: true });
    await writeFile(lock, JSON.stringify({ pid, hostname: hostname(), createdAt: Date.now(), id: "dead" }));
    const started = Date.now();
    expect(await withLock(t.deps, lock, async () => "ran", { timeoutMs: 5_000 })).toBe("ran");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("recovers a lock from another host (or a live pid) only once it went stale by age", async () => {
    await mkdir(join(t.home, ".aws", "sso", "cache"), { recursive: true });
    await writeFile(lock, JSON.stringify({ pid: 1, hostname: "some-other-host", createdAt: 0, id: "other" }));
    // Fresh mtime: not stale, so we time out.
    const err = await withLock(t.deps, lock, async () => "ran", { timeoutMs: 300, staleMs: 60_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SsoCredsError);
    expect((err as SsoCredsError).code).toBe("LockTimeout");
    expect((err as SsoCredsError).message).toMatch(/^Timed out after 0 s waiting for lock ~\/\.aws\/sso\/cache\/k\.json\.lock \(held by pid 1 on some-other-host\)\.$/);
    expect((err as SsoCredsError).fix).toBe(`rm ${lock}`);
    // Old mtime: stale, recovered.
    const old = new Date(Date.now() - 120_000);
    await utimes(lock, old, old);
    expect(await withLock(t.deps, lock, async () => "ran", { timeoutMs: 2_000, staleMs: 60_000 })).toBe("ran");
  });

  it("treats unparsable lock content by age only", async () => {
    await mkdir(join(t.home, ".aws", "sso", "cache"), { recursive: true });
    await writeFile(lock, "\u0000garbage");
    await expect(withLock(t.deps, lock, async () => "ran", { timeoutMs: 200, staleMs: 60_000 })).rejects.toMatchObject({ code: "LockTimeout" });
    const old = new Date(Date.now() - 120_000);
    await utimes(lock, old, old);
    expect(await withLock(t.deps, lock, async () => "ran", { timeoutMs: 2_000, staleMs: 60_000 })).toBe("ran");
  });

  it("keeps a long-held lock fresh with a heartbeat, so waiters do not steal it", async () => {
    let stolen = false;
    let holding = false;
    const holder = withLock(
      t.deps,
      lock,
      async () => {
        holding = true;
        await new Promise((r) => setTimeout(r, 2_000));
        holding = false;
      },
      // Held twice as long as a lock goes stale; heartbeats every third of it leave a busy machine's event loop
      // two thirds of it (670 ms) to be late by before the waiter could see a stale file.
      { staleMs: 1_000 },
    );
    while (!holding) await new Promise((r) => setTimeout(r, 5));
    await withLock(t.deps, lock, async () => {
      if (holding) stolen = true;
    }, { staleMs: 1_000, timeoutMs: 10_000 });
    await holder;
    expect(stolen).toBe(false);
  });

  it("tells the caller once that it is waiting, naming the holder", async () => {
    const seen: unknown[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inLock = new Promise<void>((r) => (entered = r));
    const holder = withLock(t.deps, lock, async () => {
      entered();
      await gate;
    });
    await inLock;
    let waiting!: () => void;
    const isWaiting = new Promise<void>((r) => (waiting = r));
    const waiter = withLock(t.deps, lock, async () => "second", { onWait: (h) => (seen.push(h), waiting()) });
    // Released once the waiter said it waits (a loaded machine can take longer than any fixed pause to get there).
    await Promise.race([isWaiting, new Promise((r) => setTimeout(r, 5_000))]);
    await new Promise((r) => setTimeout(r, 50));
    release();
    await holder;
    expect(await waiter).toBe("second");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ pid: process.pid, hostname: hostname() });
  });

  it("breaks at once a stale lock whose breaker was left by a waiter killed mid-break (its pid is dead)", async () => {
    const dead = await deadPid();
    await mkdir(join(t.home, ".aws", "sso", "cache"), { recursive: true });
    await writeFile(lock, JSON.stringify({ pid: dead, hostname: hostname(), createdAt: Date.now(), id: "dead" }));
    // As the breaker of a waiter killed -9 mid-break leaves it: fresh, naming its own (now dead) pid.
    for (const content of [JSON.stringify({ pid: dead, hostname: hostname() }), String(dead)]) {
      await writeFile(`${lock}.break`, content);
      const started = Date.now();
      expect(await withLock(t.deps, lock, async () => "mine", { timeoutMs: 10_000 })).toBe("mine");
      expect(Date.now() - started).toBeLessThan(1_000);
      await expect(readFile(`${lock}.break`)).rejects.toMatchObject({ code: "ENOENT" });
      await writeFile(lock, JSON.stringify({ pid: dead, hostname: hostname(), createdAt: Date.now(), id: "dead" }));
    }
  });

  it("a breaker of a live process is left to it (judged by age only)", async () => {
    await mkdir(join(t.home, ".aws", "sso", "cache"), { recursive: true });
    await writeFile(lock, JSON.stringify({ pid: await deadPid(), hostname: hostname(), createdAt: Date.now(), id: "dead" }));
    await writeFile(`${lock}.break`, JSON.stringify({ pid: process.pid, hostname: hostname() }));
    await expect(withLock(t.deps, lock, async () => "mine", { timeoutMs: 300 })).rejects.toMatchObject({ code: "LockTimeout" });
  });

  it("onWaitAfterMs: a short wait stays quiet; a long one is told once, with the lock and how long at most", async () => {
    const calls: unknown[][] = [];
    const hold = (ms: number) => withLock(t.deps, lock, () => new Promise((r) => setTimeout(r, ms)));
    const holder = hold(100);
    await new Promise((r) => setTimeout(r, 20));
    await withLock(t.deps, lock, async () => undefined, { onWait: (...a) => calls.push(a), onWaitAfterMs: 1_500 });
    await holder;
    expect(calls).toEqual([]);
    const second = hold(1_500);
    await new Promise((r) => setTimeout(r, 20));
    await withLock(t.deps, lock, async () => undefined, { onWait: (...a) => calls.push(a), onWaitAfterMs: 300, timeoutMs: 5_000, staleMs: 4_000 });
    await second;
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toMatchObject({ pid: process.pid });
    expect(calls[0]![1]).toEqual({ lockPath: lock, timeoutMs: 5_000, staleMs: 4_000 });
  });

  it("a lock directory that cannot be created is a one-line SsoCredsError naming the file", async () => {
    await writeFile(join(t.home, ".aws"), "a file where a directory belongs");
    const err = (await withLock(t.deps, lock, async () => "ran").catch((e: unknown) => e)) as SsoCredsError;
    expect(err).toBeInstanceOf(SsoCredsError);
    expect(err.code).toBe("LockUnavailable");
    expect(err.message).toBe("Cannot create the lock file ~/.aws/sso/cache/k.json.lock (ENOTDIR).");
  });
});
