import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { modeOf } from "../test-support/fixtures.js";
import { writeFileAtomic } from "./writeFileAtomic.js";

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
});
