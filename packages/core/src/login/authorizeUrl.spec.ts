import { describe, expect, it } from "vitest";
import { authorizeUrl } from "./authorizeUrl.js";
import { codeChallengeFor, createPkcePair } from "./pkce.js";

describe("PKCE and the authorize URL (aws-sso-facts §2.8)", () => {
  it("builds the exact URL botocore's percent_encode_sequence gives for the facts' example", () => {
    const url = authorizeUrl({
      oidcEndpoint: "https://oidc.us-east-1.amazonaws.com",
      clientId: "cid-1",
      redirectUri: "http://127.0.0.1:53211/oauth/callback",
      state: "0f8fad5b-d9cb-469f-a165-70867728950e",
      codeChallenge: codeChallengeFor("a".repeat(64)),
      scopes: ["sso:account:access", "codewhisperer:completions"],
    });
    expect(url).toBe(
      "https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&client_id=cid-1&redirect_uri=http%3A%2F%2F127.0.0.1%3A53211%2Foauth%2Fcallback&state=0f8fad5b-d9cb-469f-a165-70867728950e&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess%20codewhisperer%3Acompletions&code_challenge=_-BU_nrgy23GXDr5th1SCfQ5hR20PQulmXM33xVGaOs",
    );
  });

  it("drops a path prefix of the endpoint override and keeps scheme, host and port", () => {
    const url = authorizeUrl({ oidcEndpoint: "http://127.0.0.1:4567/oidc/x", clientId: "c", redirectUri: "r", state: "s", codeChallenge: "x", scopes: undefined });
    expect(url.startsWith("http://127.0.0.1:4567/authorize?")).toBe(true);
    expect(new URL(url).searchParams.get("scopes")).toBe("sso:account:access");
  });

  it("encodes !'()* like Python's quote, which encodeURIComponent does not", () => {
    const url = authorizeUrl({ oidcEndpoint: "https://h", clientId: "a!b'(c)*", redirectUri: "r", state: "s", codeChallenge: "x", scopes: [] });
    expect(url).toContain("client_id=a%21b%27%28c%29%2A&");
  });

  it("makes 64-char verifiers from the unreserved set and 43-char unpadded base64url S256 challenges", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { codeVerifier, codeChallenge } = createPkcePair();
      expect(codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
      expect(codeChallenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(codeChallenge).toBe(codeChallengeFor(codeVerifier));
      seen.add(codeVerifier);
    }
    expect(seen.size).toBe(50);
  });
});
