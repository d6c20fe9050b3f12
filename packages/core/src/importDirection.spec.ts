import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const RULE = "import-x/no-restricted-paths";

/** The repository's ESLint config (its import-direction rule), run on core's source as `pnpm lint` runs it. */
function eslint(): ESLint {
  return new ESLint({ cwd: repo });
}

describe("import direction in core (eslint.config.js CORE_LAYERS)", () => {
  it("a shared helper importing a feature folder fails the lint", async () => {
    const [result] = await eslint().lintText('import { tokenState } from "../token/tokenState.js";\nexport const upward = tokenState;\n', {
      filePath: `${repo}packages/core/src/fs/upward.ts`,
    });
    expect(result!.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([
      expect.stringMatching(new RegExp(`^${RULE}: .*"\\.\\./token/tokenState\\.js".*fs sits below`)),
    ]);
  });
  it("two folders importing each other fail the lint (config importing assume-role, which imports config)", async () => {
    const [result] = await eslint().lintText('export { assumeRole } from "../assume-role/assumeRole.js";\n', { filePath: `${repo}packages/core/src/config/cycle.ts` });
    expect(result!.messages.map((m) => m.ruleId)).toEqual([RULE]);
  });
  it("every folder and top-level file of core has its layer", async () => {
    const { CORE_LAYERS } = (await import(pathToFileURL(`${repo}eslint.config.js`).href)) as { CORE_LAYERS: string[][] };
    const placed = new Set(CORE_LAYERS.flat());
    const entries = readdirSync(`${repo}packages/core/src`, { withFileTypes: true })
      .filter((d) => (d.isDirectory() ? d.name !== "test-support" : d.name.endsWith(".ts") && !d.name.endsWith(".spec.ts") && d.name !== "index.ts"))
      .map((d) => d.name);
    expect(entries.filter((name) => !placed.has(name))).toEqual([]);
  });
  it("core's source follows it", async () => {
    const results = await eslint().lintFiles([`${repo}packages/core/src/**/*.ts`]);
    const violations = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(results.length).toBeGreaterThan(100);
    expect(violations).toEqual([]);
  });
});
