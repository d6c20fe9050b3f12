import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { formatUserLine, SsoCredsError } from "./errors.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === "node_modules" || d.name === "dist" || d.name === "test-support" ? [] : sources(p);
    return d.name.endsWith(".ts") && !d.name.endsWith(".spec.ts") ? [p] : [];
  });
}

/** Every `new XError(…, { code: "Y" })` in core's and the apps' source: which class each code is thrown as, and where. */
function thrownCodes(): Map<string, Map<string, string[]>> {
  const roots = [join(repo, "packages/core/src"), ...readdirSync(join(repo, "apps")).map((a) => join(repo, "apps", a, "src"))];
  const byCode = new Map<string, Map<string, string[]>>();
  for (const file of roots.flatMap((r) => sources(r))) {
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text.endsWith("Error")) {
        for (const arg of node.arguments ?? []) {
          if (!ts.isObjectLiteralExpression(arg)) continue;
          for (const p of arg.properties) {
            if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === "code" && ts.isStringLiteral(p.initializer)) {
              const classes = byCode.get(p.initializer.text) ?? new Map<string, string[]>();
              const where = `${relative(repo, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
              classes.set(node.expression.text, [...(classes.get(node.expression.text) ?? []), where]);
              byCode.set(p.initializer.text, classes);
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return byCode;
}

describe("one class per error code", () => {
  it("every code is thrown as one class, in core and in every app", () => {
    const codes = thrownCodes();
    expect(codes.size).toBeGreaterThan(30); // the scan finds the codes (it would pass vacuously otherwise)
    const mixed = [...codes].filter(([, classes]) => classes.size > 1).map(([code, classes]) => ({ code, classes: Object.fromEntries(classes) }));
    expect(mixed).toEqual([]);
  });
  it("MfaCodeRequired is a CredentialsError, TokenMissing a TokenError, wherever they are thrown", () => {
    const codes = thrownCodes();
    expect([...(codes.get("MfaCodeRequired")?.keys() ?? [])]).toEqual(["CredentialsError"]);
    expect([...(codes.get("TokenMissing")?.keys() ?? [])]).toEqual(["TokenError"]);
  });
});

describe("one user-line format", () => {
  it("program, what is wrong, Run: for a command, Fix: for an edit", () => {
    expect(new SsoCredsError("The token expired.", { fix: "sso login --sso-session my-sso" }).toUserLine("sso")).toBe("sso: The token expired. Run: sso login --sso-session my-sso");
    expect(new SsoCredsError("No region.", { fix: "add region = us-east-1 to [profile dev]" }).toUserLine("sso-creds")).toBe("sso-creds: No region. Fix: add region = us-east-1 to [profile dev]");
    expect(new SsoCredsError("Bad input.").toUserLine()).toBe("Bad input.");
  });
  it("always one line", () => {
    expect(formatUserLine({ program: "sso-credential-process", message: "a\nb\r\n c", fix: "x\ny" })).toBe("sso-credential-process: a b c Fix: x y");
  });
  it("a sentence ends the fix with a full stop, once", () => {
    expect(formatUserLine({ message: "No access.", fix: "check role-name", sentence: true })).toBe("No access. Fix: check role-name.");
    expect(formatUserLine({ message: "No access.", fix: "check role-name.", sentence: true })).toBe("No access. Fix: check role-name.");
  });
});
