import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { serializeToken } from "@sso-creds/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BOTO3_CREDENTIALS, BOTOCORE_LOAD_TOKEN } from "./test-support/botocoreScripts.js";
import { expectOk } from "./test-support/expectOk.js";
import { aws, fingerprint, jsSdk, makePeerHome, python, sso, START_URL, type PeerHome } from "./test-support/peers.js";
import { startInteropWorld, type InteropWorld } from "./test-support/startInteropWorld.js";

interface TokenFile {
  accessToken: string;
  expiresAt: string;
  refreshToken?: string;
  [key: string]: unknown;
}

// Case 5: an expired access token with a valid refresh token is refreshed by one side (botocore's SSOTokenProvider,
// AWS CLI v2, the JS SDK's fromSSO, or us) and the others use the rotated token as written, without refreshing again. The emulator rotates
// refresh tokens (each works once), so a side that kept or re-used a stale refresh token would fail here.
describe("a token refreshed by botocore, AWS CLI v2, the JS SDK or us is read by the others; no side leaves a file another rejects", () => {
  let world: InteropWorld;
  let home: PeerHome;
  beforeAll(async () => (world = await startInteropWorld()));
  afterAll(() => world?.close());
  beforeEach(async () => {
    world.emu.reset();
    home = await makePeerHome();
  });
  afterEach(() => home?.cleanup());

  const createToken = () => world.emu.stats().CreateToken ?? 0;
  const tokenPath = () => home.tokenFile("my-sso");
  const readTokenFile = async () => {
    const raw = await readFile(tokenPath(), "utf8");
    return { raw, token: JSON.parse(raw) as TokenFile };
  };
  /** An expired, refreshable token, as `aws sso login` writes it (the emulator also considers the access token expired). */
  const writeExpiredToken = async () => {
    await mkdir(home.ssoCache, { recursive: true, mode: 0o700 });
    await writeFile(tokenPath(), serializeToken({ ...world.emu.mintToken({ startUrl: START_URL, accessTokenTtlSeconds: -120 }) }), { mode: 0o600 });
  };
  /** Expire the file in place, keeping the writer's bytes otherwise (its layout and timestamp style). */
  const expireTokenFile = async () => {
    const { raw } = await readTokenFile();
    const past = new Date(Date.now() - 120_000).toISOString();
    const next = raw.replace(/("expiresAt":\s*")([^"]+)"/, (_m, head: string, was: string) => `${head}${/\.\d+Z$/.test(was) ? past : past.replace(/\.\d{3}Z$/, "Z")}"`);
    expect(next).not.toBe(raw);
    await writeFile(tokenPath(), next);
  };
  /** Both readers accept the file: botocore's SSOTokenLoader (+ dateutil) and our `sso status`; it is private and not due for refresh. */
  const expectBothAccept = async () => {
    const { token } = await readTokenFile();
    expect((await stat(tokenPath())).mode & 0o777).toBe(0o600);
    const theirs = JSON.parse(expectOk(await python(world, home, BOTOCORE_LOAD_TOKEN, [START_URL, "my-sso"]), "botocore SSOTokenLoader").stdout) as Record<string, unknown>;
    expect(theirs).toMatchObject({ accessToken: fingerprint(token.accessToken), refreshToken: fingerprint(token.refreshToken), registrationValid: true });
    expect(theirs.secondsLeft).toBeGreaterThan(900);
    const ours = JSON.parse(expectOk(await sso(world, home, ["status", "--sso-session", "my-sso", "--json"]), "sso status").stdout) as { sessions: Array<Record<string, unknown>> };
    expect(ours.sessions[0]).toMatchObject({ loggedIn: true, expired: false, refreshable: true, expiresAt: new Date(Date.parse(token.expiresAt)).toISOString() });
  };
  /** Role credentials are cached in ~/.aws/cli/cache; drop them so the next reader has to use the token. */
  const dropRoleCredentials = () => rm(home.cliCache, { recursive: true, force: true });

  it("botocore's SSOTokenProvider refreshes an expired token; we read the rotated token and do not refresh again", async () => {
    await writeExpiredToken();
    const before = (await readTokenFile()).token;
    expectOk(await python(world, home, BOTO3_CREDENTIALS, ["dev"]), "boto3 (refreshes)");
    expect(createToken()).toBe(1);
    const { raw, token } = await readTokenFile();
    expect(fingerprint(token.accessToken)).not.toBe(fingerprint(before.accessToken));
    expect(fingerprint(token.refreshToken)).not.toBe(fingerprint(before.refreshToken));
    expect(token.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // The old access token is expired at the service too: credentials prove we sent the rotated one.
    expectOk(await sso(world, home, ["env", "--profile", "dev"]), "sso env");
    expect(createToken()).toBe(1);
    expect(world.emu.stats().GetRoleCredentials).toBe(2);
    expect(await readFile(tokenPath(), "utf8")).toBe(raw);
    await expectBothAccept();
  });

  it("we refresh an expired token; botocore, the JS SDK and AWS CLI v2 read ours and do not refresh again", async () => {
    await writeExpiredToken();
    expectOk(await sso(world, home, ["env", "--profile", "dev"]), "sso env (refreshes)");
    expect(createToken()).toBe(1);
    const { raw } = await readTokenFile();
    await expectBothAccept();

    expectOk(await python(world, home, BOTO3_CREDENTIALS, ["dev"]), "boto3");
    expectOk(await jsSdk(world, home, "dev"), "JS SDK fromSSO");
    await dropRoleCredentials();
    expectOk(await aws(world, home, ["configure", "export-credentials", "--profile", "dev"]), "aws configure export-credentials");
    expect(createToken()).toBe(1);
    expect(world.emu.stats().GetRoleCredentials).toBe(4);
    expect(await readFile(tokenPath(), "utf8")).toBe(raw);
  });

  it("refreshes alternate between botocore, us, AWS CLI v2 and the JS SDK on one file: each rotation is read by the next side", async () => {
    await writeExpiredToken();
    const writers: Array<[string, () => Promise<unknown>]> = [
      ["botocore", async () => expectOk(await python(world, home, BOTO3_CREDENTIALS, ["dev"]), "boto3")],
      ["sso-creds", async () => expectOk(await sso(world, home, ["env", "--profile", "dev"]), "sso env")],
      ["AWS CLI v2", async () => expectOk(await aws(world, home, ["configure", "export-credentials", "--profile", "dev"]), "aws configure export-credentials")],
      ["JS SDK", async () => expectOk(await jsSdk(world, home, "dev"), "JS SDK fromSSO")],
    ];
    const seen = new Set<string>();
    for (let round = 0; round < 2; round++) {
      for (const [, refresh] of writers) {
        await dropRoleCredentials();
        await refresh();
        const { token } = await readTokenFile();
        seen.add(fingerprint(token.refreshToken));
        await expectBothAccept();
        await expireTokenFile();
      }
    }
    // Eight refreshes, eight distinct refresh tokens, no failed or repeated CreateToken.
    expect(createToken()).toBe(2 * writers.length);
    expect(seen.size).toBe(2 * writers.length);
  });

  it("a login by either side leaves what the other needs to refresh it (client registration and refresh token)", async () => {
    expectOk(await sso(world, home, ["login", "--profile", "dev", "--use-device-code", "--no-browser"]), "sso login");
    await expireTokenFile();
    expectOk(await aws(world, home, ["configure", "export-credentials", "--profile", "dev"]), "aws configure export-credentials (refreshes our login)");
    expect(createToken()).toBe(2);
    await expectBothAccept();

    await home.cleanup();
    home = await makePeerHome();
    expectOk(await aws(world, home, ["sso", "login", "--no-browser", "--profile", "dev"]), "aws sso login");
    await expireTokenFile();
    expectOk(await sso(world, home, ["env", "--profile", "dev"]), "sso env (refreshes the AWS CLI's login)");
    expect(createToken()).toBe(4);
    await expectBothAccept();
  });

  it("a refresh the service refuses leaves the token file byte-identical, whoever tried", async () => {
    await writeExpiredToken();
    const { raw } = await readTokenFile();
    world.emu.failNext("CreateToken", 1, { status: 400, type: "InvalidGrantException", message: "Invalid refresh token provided" });
    const boto3 = await python(world, home, BOTO3_CREDENTIALS, ["dev"]);
    expect(boto3.code).toBe(3);
    expect(await readFile(tokenPath(), "utf8")).toBe(raw);

    world.emu.failNext("CreateToken", 1, { status: 400, type: "InvalidGrantException", message: "Invalid refresh token provided" });
    const ours = await sso(world, home, ["env", "--profile", "dev"]);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toMatch(/sso login/);
    expect(await readFile(tokenPath(), "utf8")).toBe(raw);

    // The refresh token was never spent, so the next refresh (ours) still works.
    expectOk(await sso(world, home, ["env", "--profile", "dev"]), "sso env after the refused refreshes");
    await expectBothAccept();
  });
});
