import { randomBytes } from "node:crypto";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenError } from "../errors.js";
import { tokenCachePath } from "../paths/index.js";
import { SECRETS, leakedSecrets, sha256File, testSession, tokenFixture } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { getValidToken } from "./getValidToken.js";
import { readToken } from "./readToken.js";
import { serializeToken } from "./serializeToken.js";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const good = tokenFixture(NOW, 3600_000);
const goodJson = serializeToken(good);
const withField = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
const without = (key: string) => {
  const { [key]: _gone, ...rest } = good;
  return JSON.stringify(rest);
};

// Every entry plants secret-looking values, so a message that echoed content would be caught.
const corpus: Array<[string, string | Buffer | "directory", RegExp]> = [
  ["empty file", "", /is empty/],
  ["whitespace only", " \n\t\n", /is empty/],
  ["truncated after 60 bytes", goodJson.slice(0, 60), /not valid JSON/],
  ["truncated inside refreshToken", goodJson.slice(0, goodJson.indexOf(SECRETS.refreshToken) + 10), /not valid JSON/],
  ["binary garbage around a secret", Buffer.concat([randomBytes(64), Buffer.from(SECRETS.accessToken), Buffer.from([0, 255, 254])]), /not valid JSON/],
  ["UTF-16 encoded JSON", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(goodJson, "utf16le")]), /not valid JSON/],
  ["trailing garbage", goodJson + `x${SECRETS.clientSecret}`, /not valid JSON/],
  ["two objects", goodJson + goodJson, /not valid JSON/],
  ["Python NaN literal", `{"accessToken": "${SECRETS.accessToken}", "expiresAt": NaN}`, /not valid JSON/],
  ["JSON array", JSON.stringify([good]), /does not hold a JSON object/],
  ["JSON string", JSON.stringify(SECRETS.accessToken), /does not hold a JSON object/],
  ["JSON null", "null", /does not hold a JSON object/],
  ["JSON number", "42", /does not hold a JSON object/],
  ["no accessToken", without("accessToken"), /has no accessToken/],
  ["accessToken null", withField({ accessToken: null }), /has no accessToken/],
  ["accessToken number", withField({ accessToken: 12345 }), /accessToken that is not a string/],
  ["accessToken object", withField({ accessToken: { value: SECRETS.accessToken } }), /accessToken that is not a string/],
  ["accessToken empty", withField({ accessToken: "" }), /empty accessToken/],
  ["accessToken with CR/LF (header injection)", withField({ accessToken: `${SECRETS.accessToken}\r\nX-Injected: 1` }), /accessToken that cannot be sent in an HTTP header/],
  ["accessToken with a lone LF", withField({ accessToken: `${SECRETS.accessToken}\n` }), /accessToken that cannot be sent in an HTTP header/],
  ["accessToken with a NUL", withField({ accessToken: `${SECRETS.accessToken}\u0000` }), /accessToken that cannot be sent in an HTTP header/],
  ["accessToken with a non-Latin-1 character", withField({ accessToken: `${SECRETS.accessToken}\u20ac` }), /accessToken that cannot be sent in an HTTP header/],
  ["no expiresAt", without("expiresAt"), /has no expiresAt/],
  ["expiresAt epoch number", withField({ expiresAt: 1795000000 }), /expiresAt that is not a string/],
  ["expiresAt words", withField({ expiresAt: "tomorrow" }), /expiresAt that is not a timestamp/],
  ["expiresAt Feb 30", withField({ expiresAt: "2026-02-30T00:00:00Z" }), /expiresAt that is not a timestamp/],
  ["expiresAt date only", withField({ expiresAt: "2026-11-22" }), /expiresAt that is not a timestamp/],
  ["expiresAt secret-bearing junk", withField({ expiresAt: SECRETS.sessionToken }), /expiresAt that is not a timestamp/],
  ["refreshToken number", withField({ refreshToken: 7 }), /refreshToken that is not a string/],
  ["clientSecret array", withField({ clientSecret: [SECRETS.clientSecret] }), /clientSecret that is not a string/],
  ["registrationExpiresAt boolean", withField({ registrationExpiresAt: true }), /registrationExpiresAt that is not a string/],
  ["a directory in place of the file", "directory", /is a directory/],
];

describe("malformed token files", () => {
  let t: TempHome;
  const session = testSession("my-sso");
  let path: string;
  beforeAll(async () => {
    t = await createTempHome({ now: NOW });
    path = tokenCachePath(t.deps, session);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  });
  afterAll(() => t.cleanup());

  it("has a corpus of at least 20 cases", () => expect(corpus.length).toBeGreaterThanOrEqual(20));

  it.each(corpus)("%s: one clear line naming the file, no secret, file unchanged", async (_name, content, expected) => {
    const { rm } = await import("node:fs/promises");
    await rm(path, { recursive: true, force: true });
    if (content === "directory") await mkdir(`${path}/inner`, { recursive: true });
    else await writeFile(path, content, { mode: 0o600 });
    const fingerprint = async () => (content === "directory" ? `dir:${(await stat(path)).isDirectory()}` : await sha256File(path));
    const before = await fingerprint();

    for (const attempt of [() => readToken(t.deps, session), () => getValidToken(t.deps, session, { oidcEndpoint: "http://127.0.0.1:9" })]) {
      const err = (await attempt().catch((e: unknown) => e)) as TokenError;
      expect(err).toBeInstanceOf(TokenError);
      expect(err.message).toMatch(expected);
      expect(err.message).toContain("~/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json");
      expect(err.message).not.toMatch(/[\r\n]/);
      expect(err.toUserLine()).not.toMatch(/[\r\n]/);
      expect(err.fix).toMatch(/sso login --sso-session my-sso$/);
      expect(err.cause).toBeUndefined();
      expect(leakedSecrets(`${err.message} ${err.fix} ${err.toUserLine()} ${String(err)}`)).toEqual([]);
    }
    expect(await fingerprint()).toBe(before);
  });
});
