import { Sha256 } from "@aws-crypto/sha256-js";
import { GetRoleCredentialsCommand } from "@aws-sdk/client-sso";
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { SignatureV4 } from "@smithy/signature-v4";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "./startEmulator.js";
import { clients, manualClock, rejection, stsClient } from "./test-support/helpers.js";
import type { Emulator } from "./types.js";

interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** A raw HTTP call (node:http, so the Host header is ours to set as signed). */
function send(url: string, method: string, headers: Record<string, string>, body = ""): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const code = (xml: string) => /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];

interface Tampered {
  headers: Record<string, string>;
  body: unknown;
}

/** Changes the request after the SDK signed it (the signature no longer covers what is sent). */
function tamperAfterSigning(client: STSClient, change: (request: Tampered) => void): void {
  const middleware = (next: (args: { request: Tampered }) => Promise<unknown>) => async (args: { request: Tampered }) => {
    change(args.request);
    return next(args);
  };
  client.middlewareStack.addRelativeTo(middleware as unknown as Parameters<STSClient["middlewareStack"]["addRelativeTo"]>[0], {
    relation: "after",
    toMiddleware: "httpSigningMiddleware",
    name: "tamperAfterSigning",
  });
}

describe("STS verifies SigV4 against the credentials the emulator issued", () => {
  const clock = manualClock();
  let emu: Emulator;
  let creds: Creds;
  const host = () => new URL(emu.url).host;

  const sign = async (c: Creds, o: { method?: string; body?: string; query?: Record<string, string>; service?: string; signingDate?: Date; extraHeaders?: Record<string, string> } = {}) => {
    const method = o.method ?? "POST";
    const headers: Record<string, string> = { host: host(), ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded; charset=utf-8" } : {}), ...o.extraHeaders };
    const signer = new SignatureV4({ credentials: c, region: "us-east-1", service: o.service ?? "sts", sha256: Sha256 });
    const signed = await signer.sign(
      { method, protocol: "http:", hostname: "127.0.0.1", port: emu.port, path: "/", query: o.query ?? {}, headers, body: o.body ?? "" },
      o.signingDate ? { signingDate: o.signingDate } : {},
    );
    return signed.headers as Record<string, string>;
  };
  const GCI = "Action=GetCallerIdentity&Version=2011-06-15";

  beforeAll(async () => {
    emu = await startEmulator({ now: clock.now, roleCredentialTtlSeconds: 120 });
    const minted = emu.mintToken();
    const { roleCredentials: rc } = await clients(emu).sso.send(new GetRoleCredentialsCommand({ accessToken: minted.accessToken, accountId: "333333333333", roleName: "ReadOnlyAccess" }));
    creds = { accessKeyId: rc!.accessKeyId!, secretAccessKey: rc!.secretAccessKey!, sessionToken: rc!.sessionToken! };
  });
  afterAll(() => emu.close());

  it("a correctly signed call passes: the SDK's POST, and a raw signed GET with the query string", async () => {
    expect((await stsClient(emu, creds).send(new GetCallerIdentityCommand({}))).Account).toBe("333333333333");
    const query = { Action: "GetCallerIdentity", Version: "2011-06-15" };
    const headers = await sign(creds, { method: "GET", query });
    const res = await send(`${emu.url}/?${new URLSearchParams(query)}`, "GET", headers);
    expect(res.status).toBe(200);
    expect(res.body).toContain("<Account>333333333333</Account>");
    const post = await send(`${emu.url}/`, "POST", await sign(creds, { body: GCI }), GCI);
    expect(post.status).toBe(200);
  });

  it("a tampered body, a tampered signed header or a wrong secret → SignatureDoesNotMatch", async () => {
    const body = stsClient(emu, creds);
    // Same bytes reordered: same length and meaning, a different payload hash.
    tamperAfterSigning(body, (r) => void (r.body = String(r.body).split("&").reverse().join("&")));
    const e1 = await rejection(body.send(new GetCallerIdentityCommand({})));
    expect(e1.name).toBe("SignatureDoesNotMatch");
    expect((e1 as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(403);

    const date = stsClient(emu, creds);
    tamperAfterSigning(date, (r) => {
      const d = r.headers["x-amz-date"]!;
      r.headers["x-amz-date"] = d.replace(/(\d)Z$/, (_, s: string) => `${(Number(s) + 1) % 10}Z`);
    });
    expect((await rejection(date.send(new GetCallerIdentityCommand({})))).name).toBe("SignatureDoesNotMatch");

    const signedHeader = await sign(creds, { body: GCI, extraHeaders: { "x-amz-meta-probe": "original" } });
    expect(signedHeader.authorization).toContain("x-amz-meta-probe");
    expect(code((await send(`${emu.url}/`, "POST", { ...signedHeader, "x-amz-meta-probe": "changed" }, GCI)).body)).toBe("SignatureDoesNotMatch");
    expect((await send(`${emu.url}/`, "POST", signedHeader, GCI)).status).toBe(200);

    const wrong = await rejection(stsClient(emu, { ...creds, secretAccessKey: creds.secretAccessKey.replace(/^./, (ch) => (ch === "A" ? "B" : "A")) }).send(new GetCallerIdentityCommand({})));
    expect(wrong.name).toBe("SignatureDoesNotMatch");
  });

  it("unsigned → MissingAuthenticationToken; unknown key or foreign session token → InvalidClientTokenId; other scope → IncompleteSignature; stale date", async () => {
    const unsigned = await send(`${emu.url}/`, "POST", { "content-type": "application/x-www-form-urlencoded" }, GCI);
    expect(unsigned.status).toBe(403);
    expect(code(unsigned.body)).toBe("MissingAuthenticationToken");

    const unknown = await rejection(stsClient(emu, { ...creds, accessKeyId: "ASIAAAAAAAAAAAAAAAAA" }).send(new GetCallerIdentityCommand({})));
    expect(unknown.name).toBe("InvalidClientTokenId");
    const noToken = await rejection(stsClient(emu, { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey }).send(new GetCallerIdentityCommand({})));
    expect(noToken.name).toBe("InvalidClientTokenId");

    const s3 = await send(`${emu.url}/`, "POST", await sign(creds, { body: GCI, service: "s3" }), GCI);
    expect(code(s3.body)).toBe("IncompleteSignature");
    const stale = await send(`${emu.url}/`, "POST", await sign(creds, { body: GCI, signingDate: new Date(Date.now() - 20 * 60_000) }), GCI);
    expect(code(stale.body)).toBe("SignatureDoesNotMatch");
    expect(stale.body).toContain("Signature expired");
  });

  it("credentials past their expiration → ExpiredToken", async () => {
    const client = stsClient(emu, creds);
    expect((await client.send(new GetCallerIdentityCommand({}))).Arn).toContain("AWSReservedSSO_ReadOnlyAccess_");
    clock.advance(121_000);
    try {
      const e = await rejection(client.send(new GetCallerIdentityCommand({})));
      expect(e.name).toBe("ExpiredToken");
      expect(e.message).toBe("The security token included in the request is expired");
    } finally {
      clock.set(0);
    }
  });
});
