import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SECRETS, testProfile } from "../test-support/fixtures.js";
import { spawnWorkers } from "../test-support/spawnWorkers.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { credentialsCachePath } from "./credentialsCachePath.js";
import { readCachedRoleCredentials } from "./readCachedRoleCredentials.js";
import { serializeCredentialsCache } from "./serializeCredentialsCache.js";

describe("the role credential cache shared with the AWS CLI", { timeout: 60_000 }, () => {
  let t: TempHome;
  const profile = testProfile();
  beforeEach(async () => (t = await createTempHome()));
  afterEach(() => t.cleanup());

  it("writes the bytes Python's json.dumps gives for the CLI's dict, and reads a file the CLI's JSONFileCache wrote", async () => {
    const creds = { accessKeyId: "ASIAEMU", secretAccessKey: "se/cr+et", sessionToken: "sess", expiration: Date.UTC(2026, 10, 22, 22, 48, 43), accountId: "111111111111" };
    const ours = serializeCredentialsCache(creds);
    const theirs = execFileSync(
      "python3",
      ["-c", `import json,sys; sys.stdout.write(json.dumps({"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIAEMU", "SecretAccessKey": "se/cr+et", "SessionToken": "sess", "Expiration": "2026-11-22T22:48:43Z", "AccountId": "111111111111"}}))`],
      { encoding: "utf8" },
    );
    expect(ours).toBe(theirs);

    const path = credentialsCachePath(t.deps, profile);
    const key = path.split("/").pop()!.replace(/\.json$/, "");
    execFileSync("python3", ["-c", `
import os, datetime
from botocore.utils import JSONFileCache
c = JSONFileCache(os.environ["DIR"])
c[os.environ["KEY"]] = {"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIAPY", "SecretAccessKey": "s", "SessionToken": "t",
  "Expiration": (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"), "AccountId": "111111111111"}}
`], { env: { ...process.env, DIR: t.cliCacheDir, KEY: key } });
    expect(await readCachedRoleCredentials(t.deps, profile)).toMatchObject({ accessKeyId: "ASIAPY", accountId: "111111111111" });
  });

  it("the hot path loads no AWS SDK package (checked in a real Node process)", async () => {
    const path = credentialsCachePath(t.deps, profile);
    await mkdir(dirname(path), { recursive: true });
    const creds = { accessKeyId: "ASIAHOT", secretAccessKey: SECRETS.secretAccessKey, sessionToken: SECRETS.sessionToken, expiration: Date.now() + 3600_000, accountId: "111111111111" };
    await writeFile(path, serializeCredentialsCache(creds));
    const [hot] = await spawnWorkers(1, { op: "getRoleCredentials", profile, ssoEndpoint: "http://127.0.0.1:9", oidcEndpoint: "http://127.0.0.1:9" }, { HOME: t.home });
    expect(hot?.error).toBeUndefined();
    expect(hot?.ok).toBe(true);
    expect((hot?.result as { accessKeyId: string }).accessKeyId).toBe("ASIAHOT");
    expect(hot?.sdk).toEqual([]);
    expect(await readFile(path, "utf8")).toBe(serializeCredentialsCache(creds));
  });
});
