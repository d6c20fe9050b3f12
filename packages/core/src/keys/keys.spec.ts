import { describe, expect, it } from "vitest";
import { ssoCredentialsCacheKey, tokenCacheKey } from "./index.js";

// Worked examples of aws-sso-facts §4.5, computed with python3 and the real botocore classes.
describe("cache keys", () => {
  it.each([
    [{ name: undefined, startUrl: "https://d-9a6772b5aa.awsapps.com/start" }, "4fbbfb5d40afa2f001d7c45107652897179a34ad"],
    [{ name: "my-sso", startUrl: "x" }, "0ad374308c5a4e22f723adf10145eafad7c4031c"],
    [{ name: "my sso session", startUrl: "x" }, "1c1d83aaeda40faf01ccc2613e5ee79c0eefca5e"],
  ])("tokenCacheKey(%j)", (session, key) => expect(tokenCacheKey(session)).toBe(key));

  it("ssoCredentialsCacheKey matches botocore for sso-session and legacy profiles", () => {
    expect(ssoCredentialsCacheKey({ accountId: "111111111111", roleName: "Admin", sessionName: "my-sso" })).toBe("4d591a7ab0da2e15379d89377621ae9cda619cc3");
    expect(ssoCredentialsCacheKey({ accountId: "123456789012", roleName: "ReadOnly", startUrl: "https://d-9a6772b5aa.awsapps.com/start" })).toBe(
      "bb91ac2400e0f5499d61befd7b73e953aa92558a",
    );
  });
});
