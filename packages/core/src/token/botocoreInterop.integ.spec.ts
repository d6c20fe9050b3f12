import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tokenCachePath } from "../paths/index.js";
import { START_URL, testSession, tokenFixture } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { readToken } from "./readToken.js";
import { serializeToken } from "./serializeToken.js";
import { writeToken } from "./writeToken.js";

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

function python(script: string, env: Record<string, string>): string {
  return execFileSync("python3", ["-c", script], { env: { ...process.env, ...env }, encoding: "utf8" });
}

describe("token files shared with botocore (python3, botocore 1.43.11)", { timeout: 30_000 }, () => {
  let t: TempHome;
  beforeEach(async () => (t = await createTempHome({ now: NOW })));
  afterEach(() => t.cleanup());

  it("botocore's SSOTokenLoader reads what writeToken wrote, and its _sso_json_dumps gives the same bytes", async () => {
    const session = testSession("my-sso");
    const token = tokenFixture(NOW, 3600_000);
    const path = await writeToken(t.deps, session, token);
    const out = python(
      `
import json, os, sys
from botocore.utils import SSOTokenLoader, JSONFileCache
from botocore.tokens import _sso_json_dumps
from dateutil.parser import parse
loader = SSOTokenLoader(cache=JSONFileCache(os.environ["CACHE_DIR"]))
tok = loader("${START_URL}", session_name="my-sso")
parse(tok["expiresAt"]); parse(tok["registrationExpiresAt"])
sys.stdout.write(json.dumps({"token": tok, "dumped": _sso_json_dumps(tok)}))
`,
      { CACHE_DIR: t.ssoCacheDir, HOME: t.home },
    );
    const { token: seen, dumped } = JSON.parse(out) as { token: unknown; dumped: string };
    expect(seen).toEqual(token);
    expect(dumped).toBe(await readFile(path, "utf8"));
  });

  it("reads a token botocore wrote with datetime fields through _sso_json_dumps", async () => {
    const session = testSession("my-sso");
    python(
      `
import datetime, os
from botocore.utils import JSONFileCache, SSOTokenLoader
from botocore.tokens import _sso_json_dumps
tz = datetime.timezone.utc
cache = JSONFileCache(os.environ["CACHE_DIR"], dumps_func=_sso_json_dumps)
SSOTokenLoader(cache=cache).save_token("${START_URL}", {
  "startUrl": "${START_URL}", "region": "us-east-1", "accessToken": "aoa-from-botocore",
  "expiresAt": datetime.datetime(2026, 11, 22, 20, 0, 0, 123456, tzinfo=tz),
  "clientId": "cid", "clientSecret": "cs",
  "registrationExpiresAt": datetime.datetime(2027, 2, 10, 0, 0, 0, tzinfo=tz), "refreshToken": "rt"}, session_name="my-sso")
`,
      { CACHE_DIR: t.ssoCacheDir, HOME: t.home },
    );
    const raw = await readFile(tokenCachePath(t.deps, session), "utf8");
    const token = await readToken(t.deps, session);
    expect(token).toMatchObject({ accessToken: "aoa-from-botocore", expiresAt: "2026-11-22T20:00:00Z", refreshToken: "rt" });
    // What we would write for it is what botocore wrote.
    expect(serializeToken(token)).toBe(raw);
  });
});
