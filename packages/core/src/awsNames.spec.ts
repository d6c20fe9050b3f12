import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const pkg = fileURLToPath(new URL("../", import.meta.url));
const readme = readFileSync(`${pkg}README.md`, "utf8");
const section = readme.slice(readme.indexOf("## Finding a rule by its AWS name"));
const rows = section
  .split("\n")
  .filter((l) => l.startsWith("| ") && l.includes("](src/"))
  .map((l) => {
    const [botocore, js, ours] = l.split(" | ").map((c) => c.replace(/^\| |\s*\|$/g, ""));
    const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    return { botocore: names(botocore!), js: names(js!), file: /\]\((src\/[^)]+)\)/.exec(ours!)![1]! };
  });

describe("the README's AWS-name table", () => {
  it("has the rules users look for", () => {
    const all = rows.flatMap((r) => [...r.botocore, ...r.js]);
    for (const name of ["SSOTokenProvider._refresh_access_token", "SSOTokenLoader.__call__", "SSOCredentialFetcher._get_credentials", "validateSsoProfile", "loadSharedConfigFiles"]) {
      expect(all).toContain(name);
    }
  });
  it("every name resolves to a file that names it in its comment", () => {
    expect(rows.length).toBeGreaterThan(20);
    const missing = rows.flatMap((r) => {
      if (!existsSync(`${pkg}${r.file}`)) return [`${r.file}: no such file`];
      const text = readFileSync(`${pkg}${r.file}`, "utf8");
      return [...r.botocore, ...r.js].filter((n) => !text.includes(n)).map((n) => `${r.file}: does not name ${n}`);
    });
    expect(missing).toEqual([]);
  });
});
