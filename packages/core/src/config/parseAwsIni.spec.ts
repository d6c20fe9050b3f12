import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { expect, it } from "vitest";
import { parseAwsIni } from "./parseAwsIni.js";

// Reference: botocore.configloader.raw_config_parse (configparser, strict) on the same bytes, one python3 for the batch.
const PY = String.raw`
import json, sys, tempfile, os
from botocore.configloader import raw_config_parse
out = []
for text in json.load(sys.stdin):
    with tempfile.NamedTemporaryFile("w", delete=False, encoding="utf-8", newline="") as f:
        f.write(text)
    try:
        out.append({"ok": raw_config_parse(f.name)})
    except Exception as e:
        out.append({"error": type(e).__name__})
    finally:
        os.unlink(f.name)
print(json.dumps(out))
`;

const key = fc.constantFrom("region", "Region", "SSO_SESSION", "sso_role_name", "output", "s3", "endpoint_url", "x");
const value = fc.constantFrom("us-east-1", "a ; b", "a#b", "x # y", "a=b", "a:b", "", "  spaced  ", "é😀", "http://127.0.0.1:9/x");
const line = fc.oneof(
  fc.constantFrom("[default]", "[profile a]", "[profile b]", '[profile "c d"]', "[sso-session s]", "[services e]", "  [profile a]", "[DEFAULT]"),
  fc.tuple(key, fc.constantFrom(" = ", "=", ": ", " : "), value).map(([k, d, v]) => `${k}${d}${v}`),
  fc.tuple(fc.constantFrom("  ", "\t"), key, value).map(([i, k, v]) => `${i}${k} = ${v}`),
  fc.constantFrom("# c", "; c", "  # indented comment", "", "   "),
);
const file = fc.array(line, { minLength: 1, maxLength: 12 }).map((lines) => lines.join("\n") + "\n");

it("parses like botocore's configparser on generated files (or fails where it fails)", () => {
  const texts = [
    "[profile a]\nregion = eu-west-1 ; x\nb = a#b\nc: d\nUP = 1\ns3 =\n  k = v\n  # c\n  K2 = w\n",
    ...fc.sample(file, { numRuns: 400, seed: 11232026 }),
  ];
  const run = spawnSync("python3", ["-c", PY], { input: JSON.stringify(texts), encoding: "utf8", maxBuffer: 64 << 20 });
  expect(run.stderr).toBe("");
  const theirs = JSON.parse(run.stdout) as ({ ok: Record<string, unknown> } | { error: string })[];
  let compared = 0;
  texts.forEach((text, i) => {
    let ours: { ok: Record<string, unknown> } | { error: true };
    try {
      ours = { ok: Object.fromEntries(parseAwsIni(text)) };
    } catch {
      ours = { error: true };
    }
    const ref = theirs[i]!;
    if ("error" in ref) expect({ text, ours }).toEqual({ text, ours: { error: true } });
    else expect({ text, ...ours }).toEqual({ text, ok: ref.ok });
    compared++;
  });
  expect(compared).toBe(texts.length);
});
