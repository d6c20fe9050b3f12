import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { APP_DIR, DIST_DIR } from "./test-support/runStep.js";

const run = promisify(execFile);
const FIX = "run `pnpm --filter @sso-creds/github-action build` and commit apps/github-action/dist/";

/** The runner executes dist/, not src/: a source change without a rebuilt, committed dist/ never ships. */
describe("dist/", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  async function freshBuild(): Promise<Map<string, Buffer>> {
    const dir = await mkdtemp(join(tmpdir(), "gha-dist-"));
    dirs.push(dir);
    await run(process.execPath, [join(APP_DIR, "scripts/bundle.mjs"), dir], { cwd: APP_DIR });
    const names = (await readdir(dir)).sort();
    return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const)));
  }

  it("the bundle is deterministic", async () => {
    const [a, b] = [await freshBuild(), await freshBuild()];
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name)!), name).toBe(true);
  }, 180_000);

  it(`is byte for byte what the sources build to, in the work tree and in the last commit (${FIX})`, async () => {
    const fresh = await freshBuild();
    expect((await readdir(DIST_DIR)).sort(), FIX).toEqual([...fresh.keys()]);
    const prefix = (await run("git", ["rev-parse", "--show-prefix"], { cwd: APP_DIR })).stdout.trim();
    const committed = (await run("git", ["ls-tree", "--name-only", "HEAD", "dist/"], { cwd: APP_DIR })).stdout.split("\n").filter(Boolean);
    expect(committed.map((p) => p.replace(/^dist\//, "")).sort(), FIX).toEqual([...fresh.keys()]);
    for (const [name, built] of fresh) {
      expect((await readFile(join(DIST_DIR, name))).equals(built), `dist/${name} in the work tree is stale: ${FIX}`).toBe(true);
      const blob = await run("git", ["show", `HEAD:${prefix}dist/${name}`], { cwd: APP_DIR, encoding: "buffer", maxBuffer: 64 * 1024 * 1024 });
      expect(blob.stdout.equals(built), `dist/${name} in the last commit is stale: ${FIX}`).toBe(true);
    }
  }, 180_000);
});
