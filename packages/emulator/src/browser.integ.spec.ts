import { ListAccountsCommand } from "@aws-sdk/client-sso";
import {
  AccessDeniedException,
  CreateTokenCommand,
  InvalidGrantException,
  RegisterClientCommand,
  StartDeviceAuthorizationCommand,
} from "@aws-sdk/client-sso-oidc";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "./startEmulator.js";
import { clients, rejection } from "./test-support/helpers.js";
import type { Emulator } from "./types.js";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** The client's loopback listener (as botocore's AuthCodeFetcher): any GET gets 200, its query is handed over. */
async function loopbackListener(): Promise<{ server: Server; port: number; next: () => Promise<URLSearchParams> }> {
  let waiting: ((q: URLSearchParams) => void) | undefined;
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html" }).end("<p>You can close this window.</p>");
    waiting?.(new URL(req.url ?? "/", "http://127.0.0.1").searchParams);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port, next: () => new Promise((r) => (waiting = r)) };
}

describe("the browser side in headless Chromium", () => {
  let emu: Emulator;
  let browser: Browser;
  let page: Page;
  let listener: Awaited<ReturnType<typeof loopbackListener>>;
  let c: ReturnType<typeof clients>;

  beforeAll(async () => {
    emu = await startEmulator({ autoApprove: false });
    c = clients(emu);
    listener = await loopbackListener();
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    listener?.server.close();
    await emu?.close();
  });

  describe("PKCE: /authorize redirects to the loopback listener with code and state", () => {
    let client: { clientId: string; clientSecret: string };
    const redirectUri = () => `http://127.0.0.1:${listener.port}/oauth/callback`;
    const authorizeUrl = (challenge: string, state: string, redirect = redirectUri()) =>
      `${emu.url}/authorize?` +
      new URLSearchParams({ response_type: "code", client_id: client.clientId, redirect_uri: redirect, state, code_challenge_method: "S256", scopes: "sso:account:access" }) +
      `&code_challenge=${challenge}`;
    const pkcePair = () => {
      const verifier = randomBytes(48).toString("base64url").slice(0, 64);
      return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
    };

    beforeAll(async () => {
      // As the AWS CLI registers: the redirect URI without a port (facts §2.2).
      const out = await c.oidc.send(
        new RegisterClientCommand({
          clientName: "botocore-client-pkce",
          clientType: "public",
          grantTypes: ["authorization_code", "refresh_token"],
          redirectUris: ["http://127.0.0.1/oauth/callback"],
          issuerUrl: emu.fixtures.startUrl,
          scopes: ["sso:account:access"],
        }),
      );
      client = { clientId: out.clientId!, clientSecret: out.clientSecret! };
    });

    it("Allow access → code + state; CreateToken needs the right verifier and redirectUri, once", async () => {
      const { verifier, challenge } = pkcePair();
      const state = randomUUID();
      await page.goto(authorizeUrl(challenge, state));
      expect(await page.getByRole("heading").textContent()).toBe("Allow botocore-client-pkce to access your data?");
      const callback = listener.next();
      await page.getByRole("button", { name: "Allow access" }).click();
      const q = await callback;
      expect(q.get("state")).toBe(state);
      const code = q.get("code")!;
      expect(code).toBeTruthy();
      await page.waitForURL(/\/oauth\/callback/);

      const exchange = (over: Record<string, string>) =>
        c.oidc.send(new CreateTokenCommand({ ...client, grantType: "authorization_code", code, redirectUri: redirectUri(), codeVerifier: verifier, ...over }));
      expect(await rejection(exchange({ codeVerifier: pkcePair().verifier }))).toBeInstanceOf(InvalidGrantException);
      expect(await rejection(exchange({ redirectUri: `http://127.0.0.1:${listener.port + 1}/oauth/callback` }))).toBeInstanceOf(InvalidGrantException);
      const token = await exchange({});
      expect(token.tokenType).toBe("Bearer");
      expect(token.refreshToken).toBeTruthy();
      expect((await c.sso.send(new ListAccountsCommand({ accessToken: token.accessToken! }))).accountList).toHaveLength(3);
      expect(await rejection(exchange({}))).toBeInstanceOf(InvalidGrantException);
    });

    it("Deny access → error=access_denied with the state; an unregistered redirect_uri is never redirected to", async () => {
      const { challenge } = pkcePair();
      const state = randomUUID();
      await page.goto(authorizeUrl(challenge, state));
      const callback = listener.next();
      await page.getByRole("button", { name: "Deny access" }).click();
      const q = await callback;
      expect(q.get("error")).toBe("access_denied");
      expect(q.get("state")).toBe(state);
      expect(q.get("code")).toBeNull();

      const response = await page.goto(authorizeUrl(challenge, state, `http://127.0.0.1:${listener.port}/elsewhere`));
      expect(response?.status()).toBe(400);
      expect(page.url()).toContain(`${emu.url}/authorize`);
      expect(await page.textContent("main")).toContain("The redirect_uri is not registered for this client.");
    });
  });

  describe("device verification page", () => {
    let client: { clientId: string; clientSecret: string };
    beforeAll(async () => {
      const out = await c.oidc.send(new RegisterClientCommand({ clientName: "botocore-client-device", clientType: "public", scopes: ["sso:account:access"] }));
      client = { clientId: out.clientId!, clientSecret: out.clientSecret! };
    });
    const start = () => c.oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: emu.fixtures.startUrl }));
    const poll = (deviceCode: string) => c.oidc.send(new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode }));

    it("verificationUriComplete → Confirm and continue → Allow access, then CreateToken succeeds", async () => {
      const auth = await start();
      await page.goto(auth.verificationUriComplete!);
      expect(await page.inputValue("#user_code")).toBe(auth.userCode);
      await page.getByRole("button", { name: "Confirm and continue" }).click();
      await page.getByRole("heading", { name: "Allow botocore-client-device to access your data?" }).waitFor();
      expect(await page.textContent("main")).toContain(auth.userCode!);
      await page.getByRole("button", { name: "Allow access" }).click();
      await page.getByRole("heading", { name: "Request approved" }).waitFor();
      const token = await poll(auth.deviceCode!);
      expect(token.accessToken).toBeTruthy();
      expect((await c.sso.send(new ListAccountsCommand({ accessToken: token.accessToken! }))).accountList).toHaveLength(3);
    });

    it("a typed code with other spacing works; Deny access gives AccessDeniedException; a wrong code shows the error", async () => {
      const auth = await start();
      await page.goto(auth.verificationUri!);
      await page.fill("#user_code", auth.userCode!.replace("-", " ").toLowerCase());
      await page.getByRole("button", { name: "Confirm and continue" }).click();
      await page.getByRole("button", { name: "Deny access" }).click();
      await page.getByRole("heading", { name: "Request denied" }).waitFor();
      expect(await rejection(poll(auth.deviceCode!))).toBeInstanceOf(AccessDeniedException);

      await page.goto(auth.verificationUri!);
      await page.fill("#user_code", "ZZZZ-ZZZZ");
      await page.getByRole("button", { name: "Confirm and continue" }).click();
      await page.getByRole("alert").waitFor();
      expect(await page.getByRole("alert").textContent()).toBe("That code is not valid or has expired. Check the code and try again.");
      expect(await page.inputValue("#user_code")).toBe("ZZZZ-ZZZZ");
    });
  });
});
