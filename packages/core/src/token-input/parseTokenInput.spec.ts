import { describe, expect, it } from "vitest";
import { TokenError } from "../errors.js";
import { parseTokenInput } from "./parseTokenInput.js";

const SECRET = "secret-access-token-value-7d1f";
const valid = { startUrl: "https://d-0123456789.awsapps.com/start", region: "us-east-1", accessToken: SECRET, expiresAt: "2030-01-01T00:00:00Z" };

function failure(text: string): TokenError {
  try {
    parseTokenInput(text, "the sso-token input");
  } catch (e) {
    if (e instanceof TokenError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("parseTokenInput", () => {
  it("returns the token object, unknown keys kept", () => {
    expect(parseTokenInput(`\n${JSON.stringify({ ...valid, extra: 1 })}\n`, "x")).toEqual({ ...valid, extra: 1 });
  });

  it("accepts the old AWS CLI ...UTC timestamps", () => {
    expect(parseTokenInput(JSON.stringify({ ...valid, expiresAt: "2021-12-07T01:19:12UTC" }), "x").expiresAt).toBe("2021-12-07T01:19:12UTC");
  });

  it.each([
    ["", /is empty/],
    ["   ", /is empty/],
    [`{"accessToken": "${SECRET}", "expiresAt": `, /is not JSON/],
    [`["${SECRET}"]`, /not an object/],
    [JSON.stringify({ clientId: "c", clientSecret: SECRET, expiresAt: "2030-01-01T00:00:00Z" }), /no accessToken.*client registration/],
    [JSON.stringify({ Credentials: { SecretAccessKey: SECRET } }), /no accessToken.*role credentials/],
    [JSON.stringify({ ...valid, expiresAt: "soon" }), /no valid expiresAt/],
    [JSON.stringify({ ...valid, refreshToken: 5 }), /refreshToken that is not a string/],
    [JSON.stringify({ ...valid, accessToken: `${SECRET}\r\nX-Injected: 1` }), /accessToken that cannot be sent in an HTTP header/],
    [JSON.stringify({ ...valid, accessToken: `${SECRET}\u20ac` }), /accessToken that cannot be sent in an HTTP header/],
  ])("refuses %#, naming the source and never quoting the text", (text, message) => {
    const e = failure(text);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(/^The sso-token input /);
    expect(e.fix).toMatch(/sso login/);
    expect(`${e.message} ${e.fix}`).not.toContain(SECRET);
    expect(e.code).toMatch(/TokenMissing|TokenMalformed/);
  });
});
