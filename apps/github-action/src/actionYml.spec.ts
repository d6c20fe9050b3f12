import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APP_DIR } from "./test-support/runStep.js";

/** The keys directly under a top-level `section:` of action.yml (two-space indent), in order. */
function keysUnder(yml: string, section: string): string[] {
  const body = yml.split(new RegExp(`^${section}:\\n`, "m"))[1] ?? "";
  const block = body.split(/^\S/m)[0] ?? "";
  return [...block.matchAll(/^ {2}([\w-]+):/gm)].map((m) => m[1]!);
}

describe("action.yml", () => {
  it("runs the committed bundles with node24, main and post", async () => {
    const yml = await readFile(join(APP_DIR, "action.yml"), "utf8");
    expect(yml).toMatch(/^runs:\n {2}using: node24\n {2}main: dist\/main\.js\n {2}post: dist\/post\.js\n/m);
    await access(join(APP_DIR, "dist/main.js"));
    await access(join(APP_DIR, "dist/post.js"));
  });

  it("declares exactly the inputs the code reads and the outputs it sets", async () => {
    const yml = await readFile(join(APP_DIR, "action.yml"), "utf8");
    const src = (await readFile(join(APP_DIR, "src/readInputs.ts"), "utf8")) + (await readFile(join(APP_DIR, "src/runAction.ts"), "utf8"));
    const read = [...src.matchAll(/\b(?:required|optional|bool|seconds)\(core, "([\w-]+)"\)|getInput\("([\w-]+)"/g)].map((m) => m[1] ?? m[2]!);
    expect(keysUnder(yml, "inputs").sort()).toEqual([...new Set(read)].sort());
    const set = [...src.matchAll(/setOutput\("([\w-]+)"/g)].map((m) => m[1]!);
    expect(keysUnder(yml, "outputs").sort()).toEqual([...new Set(set)].sort());
  });
});
