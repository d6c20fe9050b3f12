import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSsoCredsError } from "../errors.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { loadSharedConfig } from "./loadSharedConfig.js";

// botocore's own section-name rules (configloader.build_profile_map → _parse_section, shlex.split, exactly two words)
// on the same files: which profiles, sso-sessions and services each one sees.
const PY = String.raw`
import json, sys
from botocore.configloader import load_config
out = []
for path in json.load(sys.stdin):
    try:
        c = load_config(path)
        out.append({"profiles": sorted(c["profiles"]), "ssoSessions": sorted(c["sso_sessions"]), "services": sorted(c["services"])})
    except Exception as e:
        out.append({"error": type(e).__name__})
print(json.dumps(out))
`;

const word = fc.string({ unit: fc.constantFrom("a", "b", " ", '"', "'", "\\", "#", ";", "é", "/", "-", "."), minLength: 1, maxLength: 10 });
const header = fc.tuple(fc.constantFrom("profile", "sso-session", "services"), word).map(([kind, rest]) => `${kind} ${rest}`);
const FIXED = ["sso-session team sso", 'sso-session "team sso"', "profile my profile", "profile 'my profile'", "profile a\\ b", 'profile "a"b', "services x y", "sso-session \"unclosed"];

describe("section names agree with botocore's configloader (shlex, exactly two words)", () => {
  let t: TempHome;
  const headers = [...FIXED, ...fc.sample(header, { numRuns: 200, seed: 20261123 })].filter((h) => !/[\]\n\r]/.test(h) && h.trim() === h);
  const paths = headers.map((_, i) => `c${i}`);
  beforeAll(async () => {
    t = await createTempHome();
    await mkdir(join(t.home, "cfg"));
    await Promise.all(headers.map((h, i) => writeFile(join(t.home, "cfg", paths[i]!), `[${h}]\nregion = us-east-1\n`)));
  });
  afterAll(() => t.cleanup());

  it("sees the same profiles, sso-sessions and services for every header (or both reject the file)", async () => {
    const run = spawnSync("python3", ["-c", PY], { input: JSON.stringify(paths.map((p) => join(t.home, "cfg", p))), encoding: "utf8" });
    expect(run.stderr).toBe("");
    const theirs = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    for (const [i, h] of headers.entries()) {
      t.deps.env.AWS_CONFIG_FILE = join(t.home, "cfg", paths[i]!);
      let ours: Record<string, unknown>;
      try {
        const c = await loadSharedConfig(t.deps);
        ours = { profiles: Object.keys(c.profiles).sort(), ssoSessions: Object.keys(c.ssoSessions).sort(), services: Object.keys(c.services).sort() };
      } catch (e) {
        if (!isSsoCredsError(e)) throw e;
        // Deliberate: `[profile ""]` names a profile nobody can select; botocore keeps it silently as "".
        expect({ h, message: e.message }).toMatchObject({ h, message: expect.stringMatching(/has no profile name/) });
        expect({ h, theirs: theirs[i] }).toEqual({ h, theirs: { profiles: [""], ssoSessions: [], services: [] } });
        continue;
      }
      expect({ h, ...ours }).toEqual({ h, ...theirs[i] });
    }
  });
});
