import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const pkg = fileURLToPath(new URL("../", import.meta.url));
const readme = readFileSync(`${pkg}README.md`, "utf8");

/** Whether the comment right before `node` (the export statement or declaration) says @internal. */
function markedInternal(node: ts.Node): boolean {
  const sf = node.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  return ranges.some((r) => sf.text.slice(r.pos, r.end).includes("@internal"));
}

/** Every value `@sso-creds/core` exports, and whether its export is marked @internal. */
function coreExports(): Array<{ name: string; internal: boolean }> {
  const index = `${pkg}src/index.ts`;
  const program = ts.createProgram([index], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  return checker.getExportsOfModule(moduleSymbol).flatMap((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (!(target.flags & ts.SymbolFlags.Value)) return []; // types go with the functions that use them
    const decl = symbol.declarations?.[0];
    if (!decl) return [];
    const statement = ts.isExportSpecifier(decl) ? decl.parent.parent : decl;
    return [{ name: symbol.name, internal: markedInternal(statement) }];
  });
}

describe("the documented surface and the exports agree", () => {
  const exports = coreExports();
  it("finds the exports", () => {
    expect(exports.length).toBeGreaterThan(100);
  });
  it("every export is documented in the README or marked @internal", () => {
    const undocumented = exports.filter((e) => !e.internal && !new RegExp(`\\b${e.name}\\b`).test(readme)).map((e) => e.name);
    expect(undocumented).toEqual([]);
  });
  it("nothing the README documents is marked @internal", () => {
    const documented = ["fromSsoCache", "resolveCredentials", "loadSharedConfig", "getValidToken", "getRoleCredentials", "login", "logout", "tokenCacheKey", "SsoCredsError", "formatUserLine", "defaultDeps"];
    expect(exports.filter((e) => documented.includes(e.name) && e.internal).map((e) => e.name)).toEqual([]);
    expect(documented.filter((n) => !exports.some((e) => e.name === n))).toEqual([]);
  });
});
