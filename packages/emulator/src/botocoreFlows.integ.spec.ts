import { ListAccountsCommand } from "@aws-sdk/client-sso";
import { CreateTokenCommand, InvalidGrantException, RegisterClientCommand } from "@aws-sdk/client-sso-oidc";
import { createHash, randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "./startEmulator.js";
import { clients, endpointEnv, rejection, runPython, tempDir } from "./test-support/helpers.js";
import type { Emulator } from "./types.js";

// botocore drives the device flow as the AWS CLI's SSOTokenFetcher does (register, start, one early poll, the user
// approves on the verification page, poll at `interval`), writes the token file, then SSOTokenProvider refreshes it
// through boto3.Session(profile_name=...) and the credentials sign STS GetCallerIdentity.
const PYTHON = String.raw`
import datetime, hashlib, json, os, time, urllib.parse, urllib.request, boto3
from botocore.exceptions import ClientError
out = {}
start_url = os.environ["START_URL"]
oidc = boto3.client("sso-oidc", region_name="us-east-1")
reg = oidc.register_client(clientName="botocore-client-integ", clientType="public", scopes=["sso:account:access"])
auth = oidc.start_device_authorization(clientId=reg["clientId"], clientSecret=reg["clientSecret"], startUrl=start_url)
grant = dict(clientId=reg["clientId"], clientSecret=reg["clientSecret"], grantType="urn:ietf:params:oauth:grant-type:device_code", deviceCode=auth["deviceCode"])
try:
    oidc.create_token(**grant)
except oidc.exceptions.AuthorizationPendingException:
    out["firstPoll"] = "AuthorizationPendingException"
# The user's side, as a browser would post the two forms.
page = urllib.request.urlopen(auth["verificationUriComplete"]).read().decode()
out["pageShowsCode"] = auth["userCode"] in page
base = auth["verificationUri"]
confirm = urllib.request.urlopen(base, data=urllib.parse.urlencode({"user_code": auth["userCode"]}).encode()).read().decode()
out["confirmAsks"] = "Allow access" in confirm
urllib.request.urlopen(base + "/decision", data=urllib.parse.urlencode({"user_code": auth["userCode"], "decision": "allow"}).encode()).read()
interval, polls = auth["interval"], 0
while True:
    time.sleep(interval)
    polls += 1
    try:
        tok = oidc.create_token(**grant)
        break
    except oidc.exceptions.SlowDownException:
        interval += 5
    except oidc.exceptions.AuthorizationPendingException:
        pass
out["polls"] = polls
out["expiresIn"] = tok["expiresIn"]
# The token file as a login writes it, but 5 minutes from expiry: inside botocore's 15-minute refresh window.
now = datetime.datetime.now(datetime.timezone.utc)
fmt = lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")
cache = os.path.join(os.environ["HOME"], ".aws", "sso", "cache")
os.makedirs(cache)
path = os.path.join(cache, hashlib.sha1(b"integ").hexdigest() + ".json")
old = {"startUrl": start_url, "region": "us-east-1", "accessToken": tok["accessToken"], "expiresAt": fmt(now + datetime.timedelta(minutes=5)),
       "clientId": reg["clientId"], "clientSecret": reg["clientSecret"],
       "registrationExpiresAt": fmt(datetime.datetime.fromtimestamp(reg["clientSecretExpiresAt"], datetime.timezone.utc)), "refreshToken": tok["refreshToken"]}
json.dump(old, open(path, "w"))
session = boto3.Session(profile_name="dev")
creds = session.get_credentials().get_frozen_credentials()
out["accessKeyPrefix"] = creds.access_key[:4]
ident = session.client("sts").get_caller_identity()
out["account"], out["arn"] = ident["Account"], ident["Arn"]
out["old"] = old
out["new"] = json.load(open(path))
print(json.dumps(out))
`;

describe("botocore drives the device flow and the refresh", () => {
  let emu: Emulator;
  let home: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    emu = await startEmulator({ autoApprove: false });
    home = await tempDir("emu-botocore-");
  });
  afterAll(async () => {
    await emu.close();
    await home.remove();
  });

  it("device flow, a refresh by SSOTokenProvider, Session(profile_name) credentials and sts get_caller_identity", async () => {
    const config = join(home.path, "config");
    await writeFile(
      config,
      `[profile dev]\nsso_session = integ\nsso_account_id = 111111111111\nsso_role_name = Developer\nregion = us-east-1\n\n` +
        `[sso-session integ]\nsso_start_url = ${emu.fixtures.startUrl}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
    );
    const out = await runPython(PYTHON, { ...endpointEnv(emu), HOME: home.path, AWS_CONFIG_FILE: config, START_URL: emu.fixtures.startUrl });

    expect(out.firstPoll).toBe("AuthorizationPendingException");
    expect(out.pageShowsCode).toBe(true);
    expect(out.confirmAsks).toBe(true);
    expect(out.polls).toBe(1);
    expect(out.expiresIn).toBe(28_800);
    expect(out.accessKeyPrefix).toBe("ASIA");
    expect(out.account).toBe("111111111111");
    expect(out.arn).toMatch(/^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_Developer_[0-9a-f]{16}\/jane@example\.com$/);

    // botocore refreshed (rotated) and rewrote the file: new tokens, ~8 hours ahead.
    const { old, new: renewed } = out as { old: Record<string, string>; new: Record<string, string> };
    expect(renewed.accessToken === old.accessToken).toBe(false);
    expect(renewed.refreshToken === old.refreshToken).toBe(false);
    expect(Date.parse(renewed.expiresAt!) - Date.now()).toBeGreaterThan(7 * 3600_000);
    expect(renewed.clientId).toBe(old.clientId);
    const stats = emu.stats();
    expect(stats.CreateToken).toBe(3); // early poll, the approved poll, the refresh
    expect(stats.GetRoleCredentials).toBe(1);
    expect(stats.GetCallerIdentity).toBe(1);

    // The file botocore wrote is accepted by the emulator, from disk as botocore left it.
    const key = createHash("sha1").update("integ").digest("hex");
    const onDisk = JSON.parse(await readFile(join(home.path, ".aws/sso/cache", `${key}.json`), "utf8")) as Record<string, string>;
    expect(onDisk.accessToken === renewed.accessToken).toBe(true);
    const c = clients(emu);
    expect((await c.sso.send(new ListAccountsCommand({ accessToken: onDisk.accessToken! }))).accountList).toHaveLength(3);
    const refresh = (refreshToken: string) => c.oidc.send(new CreateTokenCommand({ clientId: onDisk.clientId!, clientSecret: onDisk.clientSecret!, grantType: "refresh_token", refreshToken }));
    expect(await rejection(refresh(old.refreshToken!))).toBeInstanceOf(InvalidGrantException);
    expect((await refresh(onDisk.refreshToken!)).accessToken).toBeTruthy();
    expect(await rejection(refresh(onDisk.refreshToken!))).toBeInstanceOf(InvalidGrantException);
  });

  it("every other operation through botocore: ListAccountRoles pages, PKCE code exchange, refresh, AssumeRole chain, Logout", async () => {
    const e2 = await startEmulator({ autoApprove: true });
    try {
      const { oidc } = clients(e2);
      const reg = await oidc.send(
        new RegisterClientCommand({ clientName: "botocore-client-pkce", clientType: "public", grantTypes: ["authorization_code", "refresh_token"], redirectUris: ["http://127.0.0.1/oauth/callback"], issuerUrl: e2.fixtures.startUrl, scopes: ["sso:account:access"] }),
      );
      const verifier = randomBytes(48).toString("base64url");
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      const redirectUri = "http://127.0.0.1:40111/oauth/callback";
      const authorized = await fetch(`${e2.url}/authorize?response_type=code&client_id=${reg.clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&state=s1&code_challenge_method=S256&code_challenge=${challenge}`, { redirect: "manual" });
      const code = new URL(authorized.headers.get("location")!).searchParams.get("code")!;
      const out = await runPython(
        String.raw`
import json, os, boto3
from botocore.config import Config
e = os.environ
oidc, sso = boto3.client("sso-oidc"), boto3.client("sso")
out = {}
tok = oidc.create_token(clientId=e["CID"], clientSecret=e["CSECRET"], grantType="authorization_code", code=e["CODE"], redirectUri=e["REDIRECT"], codeVerifier=e["VERIFIER"])
again = oidc.create_token(clientId=e["CID"], clientSecret=e["CSECRET"], grantType="refresh_token", refreshToken=tok["refreshToken"])
at = again["accessToken"]
try:
    oidc.create_token(clientId=e["CID"], clientSecret=e["CSECRET"], grantType="refresh_token", refreshToken=tok["refreshToken"])
except oidc.exceptions.InvalidGrantException:
    out["oldRefresh"] = "InvalidGrantException"
pages = list(sso.get_paginator("list_account_roles").paginate(accessToken=at, accountId="111111111111", PaginationConfig={"PageSize": 1}))
out["rolePages"] = len(pages)
out["roles"] = [r["roleName"] for p in pages for r in p["roleList"]]
rc = sso.get_role_credentials(accessToken=at, accountId="111111111111", roleName="AdministratorAccess")["roleCredentials"]
sts = boto3.client("sts", aws_access_key_id=rc["accessKeyId"], aws_secret_access_key=rc["secretAccessKey"], aws_session_token=rc["sessionToken"])
c = sts.assume_role(RoleArn="arn:aws:iam::333333333333:role/ReadOnlyAccess", RoleSessionName="botocore-chain")["Credentials"]
chained = boto3.client("sts", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
out["chainedArn"] = chained.get_caller_identity()["Arn"]
sso.logout(accessToken=at)
try:
    sso.list_accounts(accessToken=at)
except sso.exceptions.UnauthorizedException:
    out["afterLogout"] = "UnauthorizedException"
print(json.dumps(out))`,
        { ...endpointEnv(e2), CID: reg.clientId!, CSECRET: reg.clientSecret!, CODE: code, REDIRECT: redirectUri, VERIFIER: verifier },
      );
      expect(out).toEqual({
        oldRefresh: "InvalidGrantException",
        rolePages: 3,
        roles: ["AdministratorAccess", "ReadOnlyAccess", "Developer"],
        chainedArn: "arn:aws:sts::333333333333:assumed-role/ReadOnlyAccess/botocore-chain",
        afterLogout: "UnauthorizedException",
      });
      expect(e2.stats()).toMatchObject({ CreateToken: 3, ListAccountRoles: 3, GetRoleCredentials: 1, AssumeRole: 1, GetCallerIdentity: 1, Logout: 1, ListAccounts: 1 });
    } finally {
      await e2.close();
    }
  });
});
