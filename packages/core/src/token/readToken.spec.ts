import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TokenError } from "../errors.js";
import { tokenCachePath } from "../paths/index.js";
import { SECRETS, modeOf, testSession, tokenFixture } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { loadToken } from "./loadToken.js";
import { readToken } from "./readToken.js";
import { serializeToken } from "./serializeToken.js";
import { writeToken } from "./writeToken.js";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

describe("readToken / writeToken", () => {
  let t: TempHome;
  beforeEach(async () => (t = await createTempHome({ now: NOW })));
  afterEach(() => t.cleanup());

  const plant = async (session: ReturnType<typeof testSession>, content: string) => {
    const path = tokenCachePath(t.deps, session);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    return path;
  };

  it("writes exactly the AWS CLI's layout, key order and timestamp format, 0600 in a 0700 directory", async () => {
    const session = testSession("my-sso");
    const path = await writeToken(t.deps, session, {
      refreshToken: "r",
      extra: { nested: [1, "é"] },
      accessToken: "a",
      expiresAt: "2026-11-22T22:48:43.411Z",
      clientSecret: "s",
      region: "us-east-1",
      clientId: "c",
      startUrl: "https://d-0123456789.awsapps.com/start",
      registrationExpiresAt: "2027-02-10T21:48:43+00:00",
    });
    expect(path).toBe(join(t.ssoCacheDir, "0ad374308c5a4e22f723adf10145eafad7c4031c.json"));
    expect(await readFile(path, "utf8")).toBe(
      '{"startUrl": "https://d-0123456789.awsapps.com/start", "region": "us-east-1", "accessToken": "a", "expiresAt": "2026-11-22T22:48:43Z", ' +
        '"clientId": "c", "clientSecret": "s", "registrationExpiresAt": "2027-02-10T21:48:43Z", "refreshToken": "r", "extra": {"nested": [1, "\\u00e9"]}}',
    );
    expect(await modeOf(path)).toBe(0o600);
    expect(await modeOf(t.ssoCacheDir)).toBe(0o700);
  });

  it("reads back what it wrote, keeping unknown keys", async () => {
    const session = testSession("my-sso");
    const token = { ...tokenFixture(NOW, 3600_000), futureField: "kept" };
    await writeToken(t.deps, session, token);
    expect(await readToken(t.deps, session)).toEqual(token);
  });

  it("reads tokens written by the JS SDK (2-space JSON, milliseconds) and the old CLI (UTC suffix)", async () => {
    const session = testSession("my-sso");
    await plant(session, JSON.stringify({ ...tokenFixture(NOW, 0), expiresAt: "2026-11-22T13:00:00.411Z" }, null, 2));
    expect((await loadToken(t.deps, session)).expiresAtMs).toBe(Date.UTC(2026, 10, 22, 13, 0, 0, 411));
    await plant(session, JSON.stringify({ accessToken: SECRETS.accessToken, expiresAt: "2026-11-22T13:00:00UTC" }));
    expect((await loadToken(t.deps, session)).expiresAtMs).toBe(Date.UTC(2026, 10, 22, 13));
  });

  it("uses sha1(startUrl) for legacy profiles", async () => {
    const session = testSession(null);
    await writeToken(t.deps, session, tokenFixture(NOW, 3600_000));
    expect(tokenCachePath(t.deps, session)).toBe(join(t.ssoCacheDir, "aa477cedd4b2708a54ce60d7ae5a3b7f986013da.json"));
  });

  it("missing: names the session and file, fix is sso login --sso-session", async () => {
    const err = (await readToken(t.deps, testSession("my-sso")).catch((e: unknown) => e)) as TokenError;
    expect(err).toBeInstanceOf(TokenError);
    expect(err.code).toBe("TokenMissing");
    expect(err.message).toBe("No SSO token for sso-session my-sso (~/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json).");
    expect(err.fix).toBe("sso login --sso-session my-sso");
    expect(err.tryNextLink).toBe(false);
  });

  it("missing, legacy profile: the fix names the profile from the hint; a custom fix wins", async () => {
    const legacy = testSession(null);
    const err = (await readToken(t.deps, legacy, { profileName: "old dev" }).catch((e: unknown) => e)) as TokenError;
    expect(err.message).toMatch(/^No SSO token for start URL https:\/\/d-0123456789\.awsapps\.com\/start \(~\/\.aws\/sso\/cache\/[0-9a-f]{40}\.json\)\.$/);
    expect(err.fix).toBe("sso login --profile 'old dev'");
    const custom = (await readToken(t.deps, legacy, { fixCommand: "sso-creds login" }).catch((e: unknown) => e)) as TokenError;
    expect(custom.fix).toBe("sso-creds login");
    const spaced = (await readToken(t.deps, testSession("my sso session")).catch((e: unknown) => e)) as TokenError;
    expect(spaced.fix).toBe("sso login --sso-session 'my sso session'");
    expect(spaced.message).toContain("1c1d83aaeda40faf01ccc2613e5ee79c0eefca5e.json");
  });

  it("expired: TokenError with the time and the fix, file untouched", async () => {
    const session = testSession("my-sso");
    const path = await plant(session, serializeToken(tokenFixture(NOW, -60_000)));
    const before = await readFile(path, "utf8");
    const err = (await readToken(t.deps, session).catch((e: unknown) => e)) as TokenError;
    expect(err.code).toBe("TokenExpired");
    expect(err.message).toBe("The SSO token for sso-session my-sso expired at 2026-11-22T11:59:00Z.");
    expect(err.fix).toBe("sso login --sso-session my-sso");
    expect(await readFile(path, "utf8")).toBe(before);
  });

  it("treats a token as expired exactly at expiresAt", async () => {
    const session = testSession("my-sso");
    await plant(session, serializeToken(tokenFixture(NOW, 0)));
    await expect(readToken(t.deps, session)).rejects.toMatchObject({ code: "TokenExpired" });
    t.setNow(NOW - 1000);
    await expect(readToken(t.deps, session)).resolves.toMatchObject({ accessToken: SECRETS.accessToken });
  });
});
