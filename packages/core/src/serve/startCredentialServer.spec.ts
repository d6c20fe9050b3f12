import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { CredentialsError } from "../errors.js";
import { SECRETS } from "../test-support/fixtures.js";
import type { RoleCredentials } from "../types.js";
import { envForCredentialServer } from "./envForCredentialServer.js";
import { startCredentialServer, type CredentialServer } from "./startCredentialServer.js";

const run = promisify(execFile);
const coreDir = fileURLToPath(new URL("../..", import.meta.url));

const creds = (n: number, expiration = Date.now() + 3600_000): RoleCredentials => ({
  accessKeyId: `ASIASTUB${n}`,
  secretAccessKey: SECRETS.secretAccessKey,
  sessionToken: `${SECRETS.sessionToken}-${n}`,
  expiration,
  accountId: "111111111111",
});

let server: CredentialServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function get(headers: Record<string, string> = {}, path = "", method = "GET"): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = server!.url.replace(/\/credentials$/, path || "/credentials");
  const res = await fetch(url, { method, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("startCredentialServer", () => {
  it("answers GET with the Authorization header in the container endpoint's shape", async () => {
    let calls = 0;
    server = await startCredentialServer({ getCredentials: async () => creds(++calls, Date.UTC(2030, 0, 2, 3, 4, 5, 678)) });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
    expect(server.authToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { status, body } = await get({ Authorization: server.authToken });
    expect(status).toBe(200);
    expect(body).toEqual({
      AccessKeyId: "ASIASTUB1",
      SecretAccessKey: SECRETS.secretAccessKey,
      Token: `${SECRETS.sessionToken}-1`,
      Expiration: "2030-01-02T03:04:05Z",
      AccountId: "111111111111",
    });
    // Every request asks getCredentials (the caching is keepCredentialsFresh's job).
    expect((await get({ Authorization: server.authToken })).body.AccessKeyId).toBe("ASIASTUB2");
  });

  it("refuses requests without the token (401), with a wrong one (403), other paths (404) and methods (405)", async () => {
    let calls = 0;
    server = await startCredentialServer({ getCredentials: async () => creds(++calls), authToken: "the-right-token" });
    expect((await get()).status).toBe(401);
    expect((await get({ Authorization: "the-wrong-token" })).status).toBe(403);
    expect((await get({ Authorization: "the-right-token-and-more" })).status).toBe(403);
    expect((await get({ Authorization: "Bearer the-right-token" })).status).toBe(403);
    expect((await get({ Authorization: "the-right-token" }, "/other")).status).toBe(404);
    expect((await get({ Authorization: "the-right-token" }, "", "POST")).status).toBe(405);
    expect(calls).toBe(0);
    const denied = await get({ Authorization: "nope" });
    expect(JSON.stringify(denied.body)).not.toContain("the-right-token");
  });

  it("refuses an authorization token the SDKs could not send", async () => {
    await expect(startCredentialServer({ getCredentials: async () => creds(1), authToken: "two\nlines" })).rejects.toThrow(/one line/);
    await expect(startCredentialServer({ getCredentials: async () => creds(1), authToken: "" })).rejects.toThrow(/non-empty/);
  });

  it("a failure is a 500 with our one-line message, and never another error's text", async () => {
    const errors: unknown[] = [];
    let fail: unknown = new CredentialsError("The token cannot get credentials for role X in account 111111111111.", { code: "RoleNotAvailable", fix: "sso list" });
    server = await startCredentialServer({
      getCredentials: async () => {
        throw fail;
      },
      onError: (e) => errors.push(e),
    });
    const ours = await get({ Authorization: server.authToken });
    expect(ours.status).toBe(500);
    expect(ours.body).toEqual({ Code: "RoleNotAvailable", Message: "The token cannot get credentials for role X in account 111111111111. Run: sso list" });
    fail = new Error(`socket hang up near ${SECRETS.accessToken}`);
    const foreign = await get({ Authorization: server.authToken });
    expect(foreign.status).toBe(500);
    expect(JSON.stringify(foreign.body)).not.toContain(SECRETS.accessToken);
    expect(errors).toHaveLength(2);
  });

  it("the JS SDK's default chain (a real child process) reads it from the environment envForCredentialServer gives", async () => {
    server = await startCredentialServer({ getCredentials: async () => creds(7, Date.UTC(2030, 0, 1)) });
    const env = envForCredentialServer({ PATH: process.env.PATH, HOME: "/nonexistent", AWS_PROFILE: "dev", AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/x" }, server, { profile: "dev", region: "eu-west-1" });
    expect(env).not.toHaveProperty("AWS_PROFILE");
    expect(env).not.toHaveProperty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    const script = `
      import { STSClient } from "@aws-sdk/client-sts";
      const client = new STSClient({});
      const c = await client.config.credentials();
      console.log(JSON.stringify({ id: c.accessKeyId, token: c.sessionToken === process.argv[1], exp: c.expiration.toISOString(), region: await client.config.region() }));`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script, `${SECRETS.sessionToken}-7`], { cwd: coreDir, env });
    expect(JSON.parse(stdout)).toEqual({ id: "ASIASTUB7", token: true, exp: "2030-01-01T00:00:00.000Z", region: "eu-west-1" });
  }, 30_000);

  it("botocore's ContainerProvider (python3) reads it, header included", async () => {
    server = await startCredentialServer({ getCredentials: async () => creds(8, Date.UTC(2030, 0, 1)) });
    const env = envForCredentialServer({ PATH: process.env.PATH, HOME: "/nonexistent" }, server, { profile: "dev" });
    const script = [
      "import json, sys, botocore.session",
      "c = botocore.session.Session().get_credentials().get_frozen_credentials()",
      "s = botocore.session.Session().get_credentials()",
      "print(json.dumps({'id': c.access_key, 'token': c.token == sys.argv[1], 'method': s.method, 'exp': s._expiry_time.isoformat()}))",
    ].join("\n");
    const { stdout } = await run("python3", ["-c", script, `${SECRETS.sessionToken}-8`], { env });
    expect(JSON.parse(stdout)).toEqual({ id: "ASIASTUB8", token: true, method: "container-role", exp: "2030-01-01T00:00:00+00:00" });
  }, 30_000);
});
