import { sameStartUrl as emulatorSameStartUrl } from "@sso-creds/emulator";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeStartUrl, sameStartUrl } from "./sameStartUrl.js";

const variant = (host: string) =>
  fc
    .record({
      path: fc.constantFrom("/start", "/start/", "/start#/", "/start/#/", "/start#", "/START", "", "/"),
      upper: fc.boolean(),
      pad: fc.constantFrom("", " ", "\t"),
    })
    .map(({ path, upper, pad }) => {
      const url = `https://${host}.awsapps.com${path}`;
      return `${pad}${upper ? url.toUpperCase() : url}${pad}`;
    });

/** Two ways of writing a start URL (case, a trailing slash or `#/`, stray spaces: copy-paste from the portal), mostly of one instance. */
export const startUrlPair = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), fc.boolean())
  .chain(([host, other, same]) => fc.tuple(variant(host), variant(same ? host : other)));

describe("sameStartUrl: one rule", () => {
  it("a trailing slash, `#/`, case and spaces do not make another instance", () => {
    expect(sameStartUrl("https://my.awsapps.com/start", " HTTPS://my.awsapps.com/start/#/ ")).toBe(true);
    expect(sameStartUrl("https://my.awsapps.com/start", "https://other.awsapps.com/start")).toBe(false);
    expect(normalizeStartUrl("https://My.awsapps.com/start/#/")).toBe("https://my.awsapps.com/start");
  });
  it("the emulator (standing in for the service) answers as core does, for any pair", () => {
    fc.assert(
      fc.property(startUrlPair, ([a, b]) => {
        expect(emulatorSameStartUrl(a, b)).toBe(sameStartUrl(a, b));
      }),
      { numRuns: 500 },
    );
  });
});
