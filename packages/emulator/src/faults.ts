import type { Fault, FaultOptions } from "./types.js";

/** A small seeded PRNG (mulberry32) so a fault pattern (or a generated test case) can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decides, per API request, whether it gets a fault: queued ones first (failNext), then the random share. */
export class FaultPlan {
  private queued = new Map<string, Array<Fault | "pass">>();
  private random: () => number;

  constructor(private readonly options: FaultOptions | undefined) {
    this.random = seededRandom(options?.seed ?? Date.now());
  }

  /** `count` faults for the operation, after `after` calls that are served normally. */
  queue(operation: string, count: number, fault: Fault, after = 0): void {
    const list = this.queued.get(operation) ?? [];
    for (let i = 0; i < after; i++) list.push("pass");
    for (let i = 0; i < count; i++) list.push(fault);
    this.queued.set(operation, list);
  }

  clear(): void {
    this.queued.clear();
  }

  next(operation: string): Fault | undefined {
    const queued = this.queued.get(operation)?.shift();
    if (queued === "pass") return undefined;
    if (queued) return queued;
    const o = this.options;
    if (!o || o.rate <= 0 || this.random() >= o.rate) return undefined;
    const kinds = o.kinds?.length ? o.kinds : (["500", "503", "reset", "delay"] as const);
    const kind = kinds[Math.floor(this.random() * kinds.length)]!;
    if (kind === "reset") return "reset";
    if (kind === "delay") return { delayMs: o.delayMs ?? 2000 };
    return kind === "500" ? { status: 500, type: "InternalServerException" } : { status: 503, type: "ServiceUnavailableException" };
  }
}

/** Per-operation requests per second beyond which the service throttles (a one-second sliding window). */
export class Throttle {
  private seen = new Map<string, number[]>();

  constructor(private readonly rps: number | undefined) {}

  exceeded(operation: string, now: number): boolean {
    if (!this.rps) return false;
    const times = (this.seen.get(operation) ?? []).filter((t) => now - t < 1000);
    const over = times.length >= this.rps;
    if (!over) times.push(now);
    this.seen.set(operation, times);
    return over;
  }

  clear(): void {
    this.seen.clear();
  }
}
