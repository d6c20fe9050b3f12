import { describe, expect, it } from "vitest";
import { CredentialsError, TokenError } from "@sso-creds/core";
import { failureMessage } from "./failureMessage.js";

describe("failureMessage", () => {
  it("adds which secret to update to token failures", () => {
    const line = failureMessage(new TokenError("The sso-token input expired.", { fix: "run `sso login`", code: "TokenExpired" }));
    expect(line).toBe("The sso-token input expired. Fix: run `sso login`. The secret to update is the one you pass as sso-token, e.g. `gh secret set AWS_SSO_TOKEN < ~/.aws/sso/cache/<sha1>.json`.");
  });

  it("keeps other failures to message and fix", () => {
    expect(failureMessage(new CredentialsError("No access.", { fix: "check role-name" }))).toBe("No access. Fix: check role-name.");
  });

  it("never shows a foreign error's message, which could quote the input", () => {
    let parseError: unknown;
    try {
      JSON.parse('{"accessToken": "secret-value-in-message"');
    } catch (e) {
      parseError = e;
    }
    expect(failureMessage(parseError)).not.toContain("secret-value");
    expect(failureMessage(parseError)).toMatch(/unexpected SyntaxError/);
  });

  it("names the file and errno of file-system failures", () => {
    const e = Object.assign(new Error("EACCES: permission denied, open '/home/runner/.aws/credentials'"), { code: "EACCES", syscall: "open", path: "/home/runner/.aws/credentials" });
    expect(failureMessage(e)).toBe("Could not open /home/runner/.aws/credentials (EACCES).");
  });
});
