import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultDeps, sameStartUrl } from "@sso-creds/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readHandedOverToken } from "./readHandedOverToken.js";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "sso-creds-docker-starturl-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

let n = 0;
/** A mounted ~/.aws/sso/cache holding one token for `startUrl`. */
async function cacheWith(startUrl: string): Promise<string> {
  const dir = join(work, String(n++));
  await mkdir(dir);
  const token = { startUrl, region: "us-east-1", accessToken: "aoa-x", expiresAt: "2099-01-01T00:00:00Z" };
  await writeFile(join(dir, "abc.json"), JSON.stringify(token));
  return dir;
}

const variant = (host: string) =>
  fc
    .record({ path: fc.constantFrom("/start", "/start/", "/start#/", "/start/#/", ""), upper: fc.boolean(), pad: fc.constantFrom("", " ") })
    .map(({ path, upper, pad }) => `${pad}${upper ? `HTTPS://${host.toUpperCase()}.AWSAPPS.COM${path}` : `https://${host}.awsapps.com${path}`}${pad}`);

describe("the container picks the token for SSO_START_URL by core's start URL rule", () => {
  it("a token written for …/start/#/ serves SSO_START_URL …/start", async () => {
    const dir = await cacheWith("https://my.awsapps.com/start/#/");
    const got = await readHandedOverToken(defaultDeps(), { kind: "path", path: dir, from: "default" }, "https://my.awsapps.com/start");
    expect(got.token.accessToken).toBe("aoa-x");
  });
  it("finds the token exactly when core says the start URLs are the same", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(fc.constantFrom("a", "b"), fc.constantFrom("a", "b")).chain(([h1, h2]) => fc.tuple(variant(h1), variant(h2))),
        async ([written, asked]) => {
          const dir = await cacheWith(written);
          const found = await readHandedOverToken(defaultDeps(), { kind: "path", path: dir, from: "default" }, asked).then(
            () => true,
            (e: { code?: string }) => (e.code === "TokenMissing" ? false : Promise.reject(e)),
          );
          expect(found).toBe(sameStartUrl(written, asked));
        },
      ),
      { numRuns: 60 },
    );
  });
});
