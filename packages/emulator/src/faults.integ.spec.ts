import { GetRoleCredentialsCommand, ListAccountsCommand, SSOClient, TooManyRequestsException } from "@aws-sdk/client-sso";
import { CreateTokenCommand, InternalServerException, RegisterClientCommand, SlowDownException } from "@aws-sdk/client-sso-oidc";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { connect } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "./http.js";
import { startEmulator } from "./startEmulator.js";
import { clients, raw, rejection, stsClient } from "./test-support/helpers.js";
import type { Emulator } from "./types.js";

describe("throttling and injected faults", () => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  it("throttleRps: per operation, per second; TooManyRequestsException (portal), SlowDownException (OIDC), Throttling (STS)", async () => {
    let t = Date.now();
    emu = await startEmulator({ throttleRps: 2, now: () => t });
    const { sso, oidc } = clients(emu);
    const { accessToken } = emu.mintToken();
    const list = () => sso.send(new ListAccountsCommand({ accessToken }));
    await list();
    await list();
    const e = await rejection(list());
    expect(e).toBeInstanceOf(TooManyRequestsException);
    expect((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(429);
    // Another operation has its own budget; the next second the first has its budget back.
    const register = () => oidc.send(new RegisterClientCommand({ clientName: "t", clientType: "public" }));
    await register();
    await register();
    expect(await rejection(register())).toBeInstanceOf(SlowDownException);
    t += 1000;
    expect((await list()).accountList).toHaveLength(3);

    const { roleCredentials: rc } = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: "111111111111", roleName: "Developer" }));
    const sts = stsClient(emu, { accessKeyId: rc!.accessKeyId!, secretAccessKey: rc!.secretAccessKey!, sessionToken: rc!.sessionToken! });
    await sts.send(new GetCallerIdentityCommand({}));
    await sts.send(new GetCallerIdentityCommand({}));
    expect((await rejection(sts.send(new GetCallerIdentityCommand({})))).name).toBe("Throttling");
    // Throttled calls are counted apart (benchmarks report them), and among the calls.
    expect(emu.interference()).toEqual({ throttled: { ListAccounts: 1, RegisterClient: 1, GetCallerIdentity: 1 }, faulted: {} });
    expect(emu.stats()).toMatchObject({ ListAccounts: 4, RegisterClient: 3 });
  });

  it("the JS SDK's retries (3 attempts) ride out a throttled burst of two and an injected 500", async () => {
    emu = await startEmulator();
    const { sso, oidc } = clients(emu, 3);
    const { accessToken } = emu.mintToken();
    emu.failNext("ListAccounts", 2, { status: 429, type: "TooManyRequestsException" });
    expect((await sso.send(new ListAccountsCommand({ accessToken }))).accountList).toHaveLength(3);
    expect(emu.stats().ListAccounts).toBe(3);
    emu.failNext("RegisterClient", 1, { status: 500, type: "InternalServerException" });
    expect((await oidc.send(new RegisterClientCommand({ clientName: "r", clientType: "public" }))).clientId).toBeTruthy();
    expect(emu.stats().RegisterClient).toBe(2);
    emu.failNext("RegisterClient", 3, { status: 500, type: "InternalServerException" });
    expect(await rejection(oidc.send(new RegisterClientCommand({ clientName: "r", clientType: "public" })))).toBeInstanceOf(InternalServerException);
  });

  it("failNext: a reset socket and a delay, and the emulator keeps serving", async () => {
    emu = await startEmulator();
    const { sso } = clients(emu);
    const { accessToken } = emu.mintToken();
    emu.failNext("ListAccounts", 1, "reset");
    const e = await rejection(sso.send(new ListAccountsCommand({ accessToken })));
    expect(e.message + String((e as { code?: string }).code)).toMatch(/socket hang up|ECONNRESET/);
    emu.failNext("ListAccounts", 1, { delayMs: 400 });
    const started = Date.now();
    expect((await sso.send(new ListAccountsCommand({ accessToken }))).accountList).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect((await sso.send(new ListAccountsCommand({ accessToken }))).accountList).toHaveLength(3);
  });

  it("faults option: every request a 503 at rate 1; a seeded rate replays the same pattern", async () => {
    emu = await startEmulator({ faults: { rate: 1, kinds: ["503"] } });
    const res = await raw(emu, "/assignment/accounts", { headers: { "x-amz-sso_bearer_token": emu.mintToken().accessToken } });
    expect(res.status).toBe(503);
    expect(res.type).toBe("ServiceUnavailableException");
    await emu.close();

    const pattern = async () => {
      const e = await startEmulator({ faults: { rate: 0.5, kinds: ["500"], seed: 42 } });
      const token = e.mintToken().accessToken;
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await raw(e, "/assignment/accounts", { headers: { "x-amz-sso_bearer_token": token } })).status);
      await e.close();
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
    emu = undefined;
  });
});

describe("bad input never crashes the emulator", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(() => emu.close());

  const stillServes = async () => {
    const { oidc } = clients(emu);
    expect((await oidc.send(new RegisterClientCommand({ clientName: "after", clientType: "public" }))).clientId).toBeTruthy();
  };

  it("malformed JSON, a JSON array, wrong member types → InvalidRequestException", async () => {
    for (const body of ["{ not json", "[1,2]", "null", '"text"', '{"clientName": 5, "clientType": "public"}']) {
      const res = await raw(emu, "/client/register", { method: "POST", headers: { "content-type": "application/json" }, body });
      expect({ body, status: res.status, type: res.type }).toEqual({ body, status: 400, type: "InvalidRequestException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/" });
      expect(JSON.parse(res.text)).toMatchObject({ error: "invalid_request" });
    }
    const noToken = await raw(emu, "/token", { method: "POST", body: "{}" });
    expect(noToken.type).toMatch(/^InvalidRequestException/);
    await stillServes();
  });

  it("an oversized body (> 64 KiB) → InvalidRequestException (RequestEntityTooLarge for STS)", async () => {
    const big = JSON.stringify({ clientName: "x".repeat(MAX_BODY_BYTES), clientType: "public" });
    const oidcRes = await raw(emu, "/client/register", { method: "POST", body: big });
    expect(oidcRes.status).toBe(400); // OIDC errors keep their modeled status
    expect(oidcRes.type).toMatch(/^InvalidRequestException/);
    const portalRes = await raw(emu, "/logout", { method: "POST", body: big });
    expect(portalRes.status).toBe(413);
    expect(portalRes.type).toBe("InvalidRequestException");
    const stsRes = await raw(emu, "/", { method: "POST", body: `Action=GetCallerIdentity&Version=2011-06-15&X=${"y".repeat(MAX_BODY_BYTES)}` });
    expect(stsRes.status).toBe(413);
    expect(stsRes.text).toContain("<Code>RequestEntityTooLarge</Code>");
    await stillServes();
  });

  it("unknown routes, methods and STS actions get typed errors", async () => {
    const nowhere = await raw(emu, "/nowhere");
    expect(nowhere.status).toBe(404);
    expect(nowhere.type).toBe("UnknownOperationException");
    expect((await raw(emu, "/client/register")).status).toBe(404); // GET on a POST route
    expect((await raw(emu, "/", { method: "POST", body: "hello" })).status).toBe(404);
    const action = await raw(emu, "/", { method: "POST", body: "Action=DeleteEverything&Version=2011-06-15" });
    expect(action.status).toBe(400);
    expect(action.text).toContain("<Code>InvalidAction</Code>");
    const version = await raw(emu, "/", { method: "POST", body: "Action=GetCallerIdentity" });
    expect(version.text).toContain("<Code>InvalidAction</Code>");
    const portal = await raw(emu, "/assignment/accounts");
    expect(portal.status).toBe(401);
    expect(portal.type).toBe("UnauthorizedException");
    expect(JSON.parse(portal.text)).toEqual({ message: "Session token not found or invalid" });
    await stillServes();
  });

  it("a request target no URL parser accepts is a 400, not a crash", async () => {
    const lines: string[] = [];
    await emu.close();
    emu = await startEmulator({ log: (l) => lines.push(l) });
    const status = await new Promise<string>((resolve, reject) => {
      const socket = connect(emu.port, "127.0.0.1", () => socket.write("GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
      let text = "";
      socket.setEncoding("utf8").on("data", (d: string) => (text += d));
      socket.on("end", () => resolve(text.split("\r\n")[0]!)).on("error", reject);
    });
    expect(status).toBe("HTTP/1.1 400 Bad Request");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GET - - 400 \d+ms$/);
    await stillServes();
  });

  it("a path prefix in the endpoint override is kept (both SDKs keep it)", async () => {
    const sso = new SSOClient({ region: "us-east-1", endpoint: `${emu.url}/portal`, maxAttempts: 1 });
    expect((await sso.send(new ListAccountsCommand({ accessToken: emu.mintToken().accessToken }))).accountList).toHaveLength(3);
  });

  it("GET /__emulator/stats and POST /__emulator/reset over HTTP", async () => {
    const { sso, oidc } = clients(emu);
    const minted = emu.mintToken();
    await sso.send(new ListAccountsCommand({ accessToken: minted.accessToken }));
    await sso.send(new ListAccountsCommand({ accessToken: minted.accessToken }));
    await oidc.send(new RegisterClientCommand({ clientName: "s", clientType: "public" }));
    const stats = await raw(emu, "/__emulator/stats");
    expect(stats.status).toBe(200);
    expect(JSON.parse(stats.text)).toEqual({ calls: { ListAccounts: 2, RegisterClient: 1 }, throttled: {}, faulted: {} });

    const reset = await raw(emu, "/__emulator/reset", { method: "POST" });
    expect(JSON.parse(reset.text)).toEqual({ reset: true });
    expect(JSON.parse((await raw(emu, "/__emulator/stats")).text)).toEqual({ calls: {}, throttled: {}, faulted: {} });
    // Reset forgets every token and registration.
    expect((await rejection(sso.send(new ListAccountsCommand({ accessToken: minted.accessToken })))).name).toBe("UnauthorizedException");
    const refresh = await rejection(oidc.send(new CreateTokenCommand({ clientId: minted.clientId, clientSecret: minted.clientSecret, grantType: "refresh_token", refreshToken: minted.refreshToken! })));
    expect(refresh.name).toBe("InvalidClientException");
    expect(emu.stats()).toEqual({ ListAccounts: 1, CreateToken: 1 });
    emu.reset();
    expect(emu.stats()).toEqual({});
  });

  it("POST /__emulator/mint-token answers a signed-in token file the portal accepts", async () => {
    const res = await raw(emu, "/__emulator/mint-token", { method: "POST", body: JSON.stringify({ accessTokenTtlSeconds: 600 }) });
    expect(res.status).toBe(200);
    const token = JSON.parse(res.text) as Record<string, string>;
    expect(Object.keys(token)).toEqual(["startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken"]);
    expect(Date.parse(token.expiresAt!) - Date.now()).toBeLessThanOrEqual(600_000);
    const { sso } = clients(emu);
    expect((await sso.send(new ListAccountsCommand({ accessToken: token.accessToken! }))).accountList).toHaveLength(3);
    expect((await raw(emu, "/__emulator/mint-token", { method: "POST", body: "[" })).type).toBe("InvalidRequestException");
  });
});
