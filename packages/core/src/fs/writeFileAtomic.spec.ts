import * as nodeFs from "node:fs/promises";
import { mkdir, readdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { modeOf } from "../test-support/fixtures.js";
import { withLock } from "./withLock.js";
import { STALE_TEMP_MS, writeFileAtomic } from "./writeFileAtomic.js";

describe("writeFileAtomic", () => {
  let t: TempHome;
  beforeEach(async () => (t = await createTempHome()));
  afterEach(() => t.cleanup());

  it("creates missing directories 0700 and the file 0600", async () => {
    const path = join(t.home, ".aws", "sso", "cache", "x.json");
    await writeFileAtomic(t.deps, path, "hello");
    expect(await readFile(path, "utf8")).toBe("hello");
    expect(await modeOf(path)).toBe(0o600);
    expect(await modeOf(join(t.home, ".aws", "sso", "cache"))).toBe(0o700);
    expect(await modeOf(join(t.home, ".aws", "sso"))).toBe(0o700);
  });

  it("replaces an existing file (even a 0644 one) and leaves no temp files", async () => {
    const dir = join(t.home, "d");
    await mkdir(dir);
    const path = join(dir, "f.json");
    await writeFile(path, "old", { mode: 0o644 });
    await writeFileAtomic(t.deps, path, "new");
    expect(await readFile(path, "utf8")).toBe("new");
    expect(await modeOf(path)).toBe(0o600);
    expect(await readdir(dir)).toEqual(["f.json"]);
  });

  it("fails without touching the target when the rename cannot happen (a directory in its place)", async () => {
    const path = join(t.home, "d", "f.json");
    await mkdir(join(path, "sub"), { recursive: true });
    await expect(writeFileAtomic(t.deps, path, "data")).rejects.toThrow();
    expect((await stat(path)).isDirectory()).toBe(true);
    expect((await readdir(join(t.home, "d"))).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("never lets a reader see a partial file while many writers race", async () => {
    const path = join(t.home, "race.json");
    const big = (c: string) => c.repeat(200_000);
    await writeFileAtomic(t.deps, path, big("a"));
    let stop = false;
    const seen = new Set<string>();
    const reader = (async () => {
      while (!stop) {
        const s = await readFile(path, "utf8");
        seen.add(`${s.length}:${s[0]}${s[s.length - 1]}`);
      }
    })();
    await Promise.all(["b", "c", "d", "e", "f", "g"].map((c) => writeFileAtomic(t.deps, path, big(c))));
    stop = true;
    await reader;
    for (const s of seen) expect(s).toMatch(/^200000:(.)\1$/);
  });

  it("the next writer removes temp files that killed writers left (ours only, older than a few minutes)", async () => {
    const dir = join(t.home, ".aws", "cli", "cache");
    // The temp names our writers really use, caught as they are created.
    const created: string[] = [];
    const spy = { ...t.deps, fs: { ...nodeFs, open: ((p: string, ...rest: unknown[]) => (created.push(p), (nodeFs.open as (...a: unknown[]) => unknown)(p, ...rest))) as typeof nodeFs.open, writeFile: ((p: string, ...rest: unknown[]) => (created.push(String(p)), (nodeFs.writeFile as (...a: unknown[]) => unknown)(p, ...rest))) as typeof nodeFs.writeFile } };
    await writeFileAtomic(spy, join(dir, "a.json"), "a");
    await withLock(spy, join(dir, "a.json.lock"), async () => undefined);
    const temps = created.filter((p) => p.endsWith(".tmp")).map((p) => p.slice(dir.length + 1));
    expect(temps).toHaveLength(2);
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    const orphans = temps.map((n) => n.replace(/\.tmp$/, "x.tmp").replace(/[0-9a-f]x\.tmp$/, "0.tmp"));
    const fresh = temps.map((n) => n.replace(/[0-9a-f]\.tmp$/, "1.tmp"));
    const foreign = ["other-tool.tmp", ".a.json.tmp", "a.json.123.tmp"];
    for (const n of [...orphans, ...fresh, ...foreign]) await writeFile(join(dir, n), "partial");
    for (const n of [...orphans, ...foreign]) await utimes(join(dir, n), old, old);
    await writeFileAtomic(t.deps, join(dir, "b.json"), "b");
    expect((await readdir(dir)).sort()).toEqual(["a.json", "b.json", ...fresh, ...foreign].sort());
  });
});
