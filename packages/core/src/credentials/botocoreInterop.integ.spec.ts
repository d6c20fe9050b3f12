import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeSso, type FakeSso } from "../test-support/fakeSso.js";
import { SECRETS, START_URL, testProfile, testSession, tokenFixture } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { readToken } from "../token/readToken.js";
import { writeToken } from "../token/writeToken.js";
import { getRoleCredentials } from "./getRoleCredentials.js";
import { readCachedRoleCredentials } from "./readCachedRoleCredentials.js";

// botocore as the AWS CLI wires it: SSO role credentials cached in ~/.aws/cli/cache (inject_json_file_cache).
const BOTOCORE_GET_CREDENTIALS = `
import json, os, sys
import botocore.session
from botocore.utils import JSONFileCache
s = botocore.session.Session(profile="dev")
s.get_component("credential_provider").get_provider("sso").cache = JSONFileCache(os.path.expanduser("~/.aws/cli/cache"))
c = s.get_credentials().get_frozen_credentials()
sys.stdout.write(json.dumps({"accessKeyId": c.access_key, "secretAccessKey": c.secret_key, "sessionToken": c.token}))
`;

describe("sharing caches with botocore as the AWS CLI uses them (real clock)", { timeout: 60_000 }, () => {
  let sso: FakeSso;
  let t: TempHome;
  const session = testSession("my-sso");
  const profile = testProfile(session);
  beforeAll(async () => (sso = await startFakeSso()));
  afterAll(() => sso.close());
  beforeEach(async () => {
    t = await createTempHome();
    t.deps.now = () => Date.now();
    await mkdir(join(t.home, ".aws"), { recursive: true });
    await writeFile(
      join(t.home, ".aws", "config"),
      `[profile dev]\nsso_session = my-sso\nsso_account_id = ${profile.accountId}\nsso_role_name = ${profile.roleName}\n\n[sso-session my-sso]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n`,
    );
    sso.allowAccessToken(SECRETS.accessToken);
    sso.allowRefreshToken(SECRETS.refreshToken);
  });
  afterEach(() => t.cleanup());

  // Asynchronous: the fake server answering botocore lives in this process.
  const botocore = async () => {
    const { stdout } = await promisify(execFile)("python3", ["-c", BOTOCORE_GET_CREDENTIALS], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: t.home, AWS_ENDPOINT_URL_SSO: sso.url, AWS_ENDPOINT_URL_SSO_OIDC: sso.url },
    });
    return JSON.parse(stdout) as { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  };
  const n = (op: string) => sso.stats()[op] ?? 0;

  it("botocore reuses role credentials we cached, without calling the portal", async () => {
    await writeToken(t.deps, session, tokenFixture(Date.now(), 8 * 3600_000));
    const ours = await getRoleCredentials(t.deps, profile, { ssoEndpoint: sso.url, oidcEndpoint: sso.url });
    const calls = n("GetRoleCredentials");
    const theirs = await botocore();
    expect(n("GetRoleCredentials")).toBe(calls);
    expect(theirs).toEqual({ accessKeyId: ours.accessKeyId, secretAccessKey: ours.secretAccessKey, sessionToken: ours.sessionToken });
  });

  it("botocore refreshes a token we wrote; we read its token and credential files and make no call", async () => {
    await writeToken(t.deps, session, tokenFixture(Date.now(), 5 * 60_000));
    const [ct, grc] = [n("CreateToken"), n("GetRoleCredentials")];
    const theirs = await botocore();
    expect([n("CreateToken") - ct, n("GetRoleCredentials") - grc]).toEqual([1, 1]);
    const token = await readToken(t.deps, session);
    expect(token.accessToken).not.toBe(SECRETS.accessToken);
    expect(token.refreshToken).not.toBe(SECRETS.refreshToken);
    expect(await readCachedRoleCredentials(t.deps, profile)).toMatchObject(theirs);
    expect(await getRoleCredentials(t.deps, profile, { ssoEndpoint: sso.url, oidcEndpoint: sso.url })).toMatchObject(theirs);
    expect([n("CreateToken") - ct, n("GetRoleCredentials") - grc]).toEqual([1, 1]);
    expect(await readFile(join(t.home, ".aws", "sso", "cache", "0ad374308c5a4e22f723adf10145eafad7c4031c.json"), "utf8")).toContain('"accessToken": "aoa-');
  });
});
