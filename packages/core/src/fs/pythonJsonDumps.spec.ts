import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { pythonJsonDumps } from "./pythonJsonDumps.js";

describe("pythonJsonDumps", () => {
  it("matches Python's json.dumps byte for byte, including escapes and non-ASCII", () => {
    const value = {
      startUrl: "https://d-0123456789.awsapps.com/start",
      n: 28800,
      neg: -1.5,
      t: true,
      f: false,
      z: null,
      arr: [1, "two", { three: [] }, {}],
      weird: 'quote " backslash \\ newline \n tab \t ctrl \u0001 del \u007f é ü 日本 😀 slash /',
    };
    const python = execFileSync("python3", ["-c", "import json,sys; sys.stdout.write(json.dumps(json.loads(sys.stdin.read())))"], {
      input: JSON.stringify(value),
    }).toString();
    expect(pythonJsonDumps(value)).toBe(python);
  });
});
