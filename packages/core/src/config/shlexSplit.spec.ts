import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shlexSplit } from "./shlexSplit.js";

// Reference: Python's own shlex.split, the function botocore's configloader._parse_section calls on section headers.
const PY = String.raw`
import json, shlex, sys
out = []
for s in json.load(sys.stdin):
    try:
        out.append(shlex.split(s))
    except ValueError:
        out.append(None)
print(json.dumps(out))
`;

describe("shlexSplit agrees with Python's shlex.split", () => {
  const unit = fc.constantFrom("a", "b", " ", "\t", '"', "'", "\\", "#", ";", "é", "/", "-");
  const cases = [
    "profile dev",
    'profile "my profile"',
    "profile 'a b'",
    "profile a\\ b",
    'profile "a"b',
    'profile ""',
    "profile",
    "sso-session team sso",
    'sso-session "unclosed',
    "profile a\\",
    'profile "x\\"y"',
    'profile "x\\zy"',
    ...fc.sample(fc.string({ unit, maxLength: 16 }), { numRuns: 400, seed: 20261123 }),
  ];
  const run = spawnSync("python3", ["-c", PY], { input: JSON.stringify(cases), encoding: "utf8" });

  it("on quoting, escapes, unbalanced input and 400 generated headers", () => {
    expect(run.stderr).toBe("");
    const theirs = JSON.parse(run.stdout) as Array<string[] | null>;
    cases.forEach((c, i) => expect({ c, words: shlexSplit(c) ?? null }).toEqual({ c, words: theirs[i] }));
  });
});
