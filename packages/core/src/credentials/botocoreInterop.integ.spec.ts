import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@sso-creds/emulator";
import { START_URL, testProfile, testSession } from "../test-support/fixtures.js";
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
  let sso: Emulator;
  let t: TempHome;
  const session = testSession("my-sso");
  const profile = testProfile(session);
  beforeAll(async () => (sso = await startEmulator({ port: 0, autoApprove: true })));
  afterAll(() => sso.close());
  beforeEach(async () => {
    t = await createTempHome();
    t.deps.now = () => Date.now();
    await mkdir(join(t.home, ".aws"), { recursive: true });
    await writeFile(
      join(t.home, ".aws", "config"),
      `[profile dev]\nsso_session = my-sso\nsso_account_id = ${profile.accountId}\nsso_role_name = ${profile.roleName}\n\n[sso-session my-sso]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n`,
    );
  });
  afterEach(() => t.cleanup());

  // Asynchronous: the emulator answering botocore lives in this process.
  const botocore = async () => {
    const { stdout } = await promisify(execFile)("python3", ["-c", BOTOCORE_GET_CREDENTIALS], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: t.home, AWS_ENDPOINT_URL_SSO: sso.url, AWS_ENDPOINT_URL_SSO_OIDC: sso.url },
    });
    return JSON.parse(stdout) as { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  };
  const n = (op: string) => sso.stats()[op] ?? 0;

  it("botocore reuses role credentials we cached, without calling the portal", async () => {
    await writeToken(t.deps, session, { ...sso.mintToken({ accessTokenTtlSeconds: 8 * 3600 }) });
    const ours = await getRoleCredentials(t.deps, profile, { ssoEndpoint: sso.url, oidcEndpoint: sso.url });
    const calls = n("GetRoleCredentials");
    const theirs = await botocore();
    expect(n("GetRoleCredentials")).toBe(calls);
    expect(theirs).toEqual({ accessKeyId: ours.accessKeyId, secretAccessKey: ours.secretAccessKey, sessionToken: ours.sessionToken });
  });

  it("botocore refreshes a token we wrote; we read its token and credential files and make no call", async () => {
    const minted = { ...sso.mintToken({ accessTokenTtlSeconds: 5 * 60 }) };
    await writeToken(t.deps, session, minted);
    const [ct, grc] = [n("CreateToken"), n("GetRoleCredentials")];
    const theirs = await botocore();
    expect([n("CreateToken") - ct, n("GetRoleCredentials") - grc]).toEqual([1, 1]);
    const token = await readToken(t.deps, session);
    expect(token.accessToken).not.toBe(minted.accessToken);
    expect(token.refreshToken).toBeTruthy();
    expect(token.refreshToken).not.toBe(minted.refreshToken);
    expect(await readCachedRoleCredentials(t.deps, profile)).toMatchObject(theirs);
    expect(await getRoleCredentials(t.deps, profile, { ssoEndpoint: sso.url, oidcEndpoint: sso.url })).toMatchObject(theirs);
    expect([n("CreateToken") - ct, n("GetRoleCredentials") - grc]).toEqual([1, 1]);
    expect(await readFile(join(t.home, ".aws", "sso", "cache", "0ad374308c5a4e22f723adf10145eafad7c4031c.json"), "utf8")).toContain(`"accessToken": "${token.accessToken}"`);
  });
});
