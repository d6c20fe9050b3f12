import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseAwsIni } from "../config/parseAwsIni.js";
import { spawnWorkers } from "../test-support/spawnWorkers.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";

const ROUNDS = 20;
const USER_CONFIG = "# mine\n[default]\nregion = us-east-1\n\n[profile handwritten]\nregion = eu-west-1\n";

// Issue 17, item 1: `sso populate` and `sso env --write-credentials` edit ~/.aws/config at once. Every edit is a
// locked read-modify-write, so none is lost: 6 processes x 20 rounds, every section each reported is on disk.
describe("concurrent writers of ~/.aws/config and ~/.aws/credentials", { timeout: 120_000 }, () => {
  let t: TempHome;
  beforeEach(async () => {
    t = await createTempHome();
    await mkdir(join(t.home, ".aws"), { recursive: true });
    await writeFile(join(t.home, ".aws", "config"), USER_CONFIG);
  });
  afterEach(() => t.cleanup());

  it(`3 populate and 3 write-credentials processes, ${ROUNDS} rounds each: no section lost, the user's own sections intact`, async () => {
    const writers = [
      ...[1, 2, 3].map((n) => ({ name: `p${n}`, kind: "populate" as const, rounds: ROUNDS })),
      ...[1, 2, 3].map((n) => ({ name: `w${n}`, kind: "profileFiles" as const, rounds: ROUNDS })),
    ];
    const startAt = Date.now() + 2_000;
    const results = await Promise.all(writers.map((writer) => spawnWorkers(1, { op: "writeConfigRounds", writer, startAt }, { HOME: t.home }).then((r) => r[0]!)));
    for (const r of results) expect(r.error, r.stderr).toBeUndefined();

    const config = await readFile(join(t.home, ".aws", "config"), "utf8");
    const credentials = await readFile(join(t.home, ".aws", "credentials"), "utf8");
    expect(config.startsWith(USER_CONFIG)).toBe(true);
    const configSections = new Set(parseAwsIni(config).keys());
    const credentialSections = new Set(parseAwsIni(credentials).keys());
    const lost: string[] = [];
    for (const [i, r] of results.entries()) {
      const names = r.result as string[];
      expect(names.length).toBe(writers[i]!.kind === "populate" ? 7 * ROUNDS : ROUNDS);
      for (const name of names) {
        if (!configSections.has(`profile ${name}`)) lost.push(`config [profile ${name}]`);
        if (writers[i]!.kind === "profileFiles" && !credentialSections.has(name)) lost.push(`credentials [${name}]`);
      }
    }
    expect(lost).toEqual([]);
    expect(configSections.size).toBe(2 + 3 * 7 * ROUNDS + 3 * ROUNDS);
  });
});
