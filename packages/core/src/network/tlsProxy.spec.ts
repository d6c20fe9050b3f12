import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:tls";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCertificates } from "@sso-creds/emulator";
import { describeNetworkFailure } from "./networkFailure.js";
import { networkGet } from "./networkGet.js";

// An https:// proxy that answers every CONNECT with 407: the refusal must read as the proxy's (ERR_PROXY_TUNNEL with
// the status), not as an AWS answer; the credentials of the proxy URL appear nowhere in the error.
describe("an https:// proxy that refuses the tunnel", () => {
  let dir: string;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sso-tlsproxy-unit-"));
    makeCertificates(dir, ["localhost"], ["127.0.0.1"]);
    server = createServer({ cert: readFileSync(join(dir, "server.pem")), key: readFileSync(join(dir, "server.key")) }, (socket) => {
      socket.once("data", () => socket.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n"));
    });
    await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((res) => server.close(res));
    rmSync(dir, { recursive: true, force: true });
  });

  it("407 through TLS: ProxyAuthRequired naming the proxy without its password", async () => {
    const fs = { readFile: (p: string, enc: "utf8") => readFile(p, enc) };
    const env = { HTTPS_PROXY: `https://bob:Secr3tPw@127.0.0.1:${port}` };
    const caBundle = { source: "test", proxy: { caBundle: { path: join(dir, "ca.pem"), source: "proxy_ca_bundle under [profile dev] in c" } } };
    const err = await networkGet({ env, fs } as never, "https://portal.sso.us-east-1.amazonaws.com/federation/credentials", { caBundle }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const failure = describeNetworkFailure(err);
    expect(failure?.code).toBe("ProxyAuthRequired");
    expect(failure?.reason).toContain(`the proxy https://127.0.0.1:${port} requires authentication (HTTP 407)`);
    expect(failure?.fix).toContain("https://USER:PASSWORD@host:port");
    expect(JSON.stringify(failure) + String(err)).not.toContain("Secr3tPw");
  });

  it("a proxy certificate nothing trusts: the fix names the config file in use (AWS_CONFIG_FILE), else ~/.aws/config", async () => {
    const fs = { readFile: (p: string, enc: "utf8") => readFile(p, enc) };
    for (const [config, shown] of [[{ AWS_CONFIG_FILE: "~/conf/aws.ini" }, "~/conf/aws.ini"], [{}, "~/.aws/config"]] as const) {
      const env = { HTTPS_PROXY: `https://127.0.0.1:${port}`, ...config };
      const err = await networkGet({ env, fs } as never, "https://portal.sso.us-east-1.amazonaws.com/federation/credentials", {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      const failure = describeNetworkFailure(err);
      expect(failure?.code).toBe("UntrustedProxyCertificate");
      expect(failure?.fix).toBe(`add proxy_ca_bundle = /path/to/proxy-ca.pem (the CA that signed the proxy's certificate) to the profile in ${shown}`);
    }
  });
});
