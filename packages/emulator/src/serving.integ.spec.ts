import { ListAccountsCommand, SSOClient } from "@aws-sdk/client-sso";
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from "@aws-sdk/client-sso-oidc";
import { execFile, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { Agent, get } from "node:https";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "./startEmulator.js";
import { endpointEnv, runPython, tempDir } from "./test-support/helpers.js";
import type { Emulator } from "./types.js";

const BIN = fileURLToPath(new URL("../bin/sso-emulator", import.meta.url));

describe("TLS", () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let emu: Emulator;
  let ca: string;

  beforeAll(async () => {
    dir = await tempDir("emu-tls-");
    await new Promise<void>((resolve, reject) =>
      execFile(
        "openssl",
        ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
          "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", join(dir.path, "key.pem"), "-out", join(dir.path, "cert.pem")],
        (e) => (e ? reject(e) : resolve()),
      ),
    );
    ca = await readFile(join(dir.path, "cert.pem"), "utf8");
    emu = await startEmulator({ tls: { cert: join(dir.path, "cert.pem"), key: join(dir.path, "key.pem") } });
  });
  afterAll(async () => {
    await emu?.close();
    await dir.remove();
  });

  it("serves HTTPS: the JS SDK with an https agent trusting the certificate", async () => {
    expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const requestHandler = { httpsAgent: new Agent({ ca }) };
    const oidc = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url, maxAttempts: 1, requestHandler });
    const reg = await oidc.send(new RegisterClientCommand({ clientName: "tls", clientType: "public" }));
    const auth = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId!, clientSecret: reg.clientSecret!, startUrl: emu.fixtures.startUrl }));
    // The verification URI names the scheme the client used.
    expect(auth.verificationUri).toBe(`${emu.url}/device`);
    const sso = new SSOClient({ region: "us-east-1", endpoint: emu.url, maxAttempts: 1, requestHandler });
    expect((await sso.send(new ListAccountsCommand({ accessToken: emu.mintToken().accessToken }))).accountList).toHaveLength(3);

    const stats = await new Promise<string>((resolve, reject) =>
      get(`${emu.url}/__emulator/stats`, { ca }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (d: string) => (body += d)).on("end", () => resolve(body));
      }).on("error", reject),
    );
    expect(JSON.parse(stats).calls).toEqual({ RegisterClient: 1, StartDeviceAuthorization: 1, ListAccounts: 1 });
  });

  it("botocore with AWS_CA_BUNDLE, and an untrusting client is refused", async () => {
    const out = await runPython(
      `import json, os, boto3\nprint(json.dumps(len(boto3.client("sso").list_accounts(accessToken=os.environ["TOKEN"])["accountList"])))`,
      { ...endpointEnv(emu), AWS_CA_BUNDLE: join(dir.path, "cert.pem"), TOKEN: emu.mintToken().accessToken },
    );
    expect(out).toBe(3);
    const untrusting = new SSOClient({ region: "us-east-1", endpoint: emu.url, maxAttempts: 1 });
    await expect(untrusting.send(new ListAccountsCommand({ accessToken: "x" }))).rejects.toThrow(/self[- ]signed certificate/i);
  });

  it("takes PEM text as well as paths", async () => {
    const key = await readFile(join(dir.path, "key.pem"), "utf8");
    const second = await startEmulator({ tls: { cert: ca, key } });
    try {
      expect(second.url).toMatch(/^https:/);
    } finally {
      await second.close();
    }
  });
});

/** Spawns the bin and resolves with its first stdout line, parsed. */
function spawnBin(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const firstLine = new Promise<Record<string, string>>((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]!) as Record<string, string>);
    });
    child.on("exit", (code) => reject(new Error(`sso-emulator exited ${code}: ${stderr}`)));
  });
  return { child, firstLine, exited, stderr: () => stderr };
}

describe("the bin (packages/emulator/bin/sso-emulator, runs dist/)", () => {
  it("prints one JSON line with its URL, serves with --auto-approve, logs nothing with --quiet, exits 0 on SIGTERM", async () => {
    const bin = spawnBin(["--port", "0", "--auto-approve", "--quiet"]);
    const line = await bin.firstLine;
    expect(line).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), startUrl: "https://d-0123456789.awsapps.com/start", region: "us-east-1" });
    const oidc = new SSOOIDCClient({ region: "us-east-1", endpoint: line.url, maxAttempts: 1 });
    const reg = await oidc.send(new RegisterClientCommand({ clientName: "bin", clientType: "public", scopes: ["sso:account:access"] }));
    const client = { clientId: reg.clientId!, clientSecret: reg.clientSecret! };
    const auth = await oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: line.startUrl }));
    // Auto-approved: the first poll already gets the token.
    const token = await oidc.send(new CreateTokenCommand({ ...client, grantType: "urn:ietf:params:oauth:grant-type:device_code", deviceCode: auth.deviceCode! }));
    expect(token.refreshToken).toBeTruthy();
    const stats = (await (await fetch(`${line.url}/__emulator/stats`)).json()) as { calls: Record<string, number> };
    expect(stats.calls).toEqual({ RegisterClient: 1, StartDeviceAuthorization: 1, CreateToken: 1 });
    bin.child.kill("SIGTERM");
    expect(await bin.exited).toBe(0);
    expect(bin.stderr()).toBe("");
  });

  it("logs requests to stderr without --quiet; a bad fixtures file exits 1 with the reason", async () => {
    const bin = spawnBin(["--port", "0"]);
    const { url } = await bin.firstLine;
    await fetch(`${url}/__emulator/stats`);
    bin.child.kill("SIGTERM");
    expect(await bin.exited).toBe(0);
    expect(bin.stderr()).toMatch(/^sso-emulator: GET \/__emulator\/stats - 200 \d+ms$/m);

    const bad = spawnBin(["--fixtures", "/nonexistent/fixtures.json"]);
    await expect(bad.firstLine).rejects.toThrow();
    expect(await bad.exited).toBe(1);
    expect(bad.stderr()).toMatch(/^sso-emulator: fixtures file \/nonexistent\/fixtures\.json: ENOENT/);

    const kinds = spawnBin(["--fault-rate", "0.5", "--fault-kinds", "500,teapot"]);
    await expect(kinds.firstLine).rejects.toThrow();
    expect(await kinds.exited).toBe(1);
    expect(kinds.stderr()).toBe('sso-emulator: --fault-kinds: unknown kind "teapot" (use 500, 503, reset, delay)\n');
  });
});
