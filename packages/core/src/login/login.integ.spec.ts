import { readdir, readFile } from "node:fs/promises";
import { startEmulator, useEmulator } from "@sso-creds/emulator";
import * as vitest from "vitest";
import { afterEach, describe, expect, it } from "vitest";
import { tokenCachePath } from "../paths/index.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { leakedSecrets, testSession } from "../test-support/fixtures.js";
import { login } from "./login.js";
import { loginWithDeviceCode } from "./loginWithDeviceCode.js";
import { registerClient, registrationCachePath } from "./registerClient.js";
import { waitForLogin } from "./waitForLogin.js";

const emu = useEmulator(vitest, { autoApprove: true });
let h: TempHome;
const session = testSession("my-sso");

afterEach(async () => {
  await h?.cleanup();
});

describe("registerClient (AWS CLI registration cache, aws-sso-facts §2.7, §3.2)", () => {
  it("caches the registration in the CLI's format and reuses it for the same kind of flow only", async () => {
    h = await createTempHome();
    const device = await registerClient(h.deps, session, { oidcEndpoint: emu.url, flow: "device" });
    const path = registrationCachePath(h.deps, session);
    const raw = await readFile(path, "utf8");
    expect(raw).toBe(`{"clientId": "${device.clientId}", "clientSecret": "${device.clientSecret}", "expiresAt": "${device.expiresAt}", "scopes": ["sso:account:access"]}`);
    expect(device.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    expect((await registerClient(h.deps, session, { oidcEndpoint: emu.url, flow: "device" })).clientId).toBe(device.clientId);
    expect(emu.stats().RegisterClient).toBe(1);

    // A device registration cannot serve the authorization-code flow, and a PKCE one not the device flow.
    const pkce = await registerClient(h.deps, session, { oidcEndpoint: emu.url, flow: "pkce" });
    expect(pkce.grantTypes).toEqual(["authorization_code", "refresh_token"]);
    expect(JSON.parse(await readFile(path, "utf8"))).toMatchObject({ grantTypes: ["authorization_code", "refresh_token"], scopes: ["sso:account:access"] });
    await registerClient(h.deps, session, { oidcEndpoint: emu.url, flow: "device" });
    expect(emu.stats().RegisterClient).toBe(3);
  });

  it("registers again when less than 15 minutes are left", async () => {
    h = await createTempHome();
    const first = await registerClient(h.deps, session, { oidcEndpoint: emu.url, flow: "device" });
    h.setNow(Date.parse(first.expiresAt) - 14 * 60_000);
    await registerClient(h.deps, session, { oidcEndpoint: emu.url, flow: "device" });
    expect(emu.stats().RegisterClient).toBe(2);
  });
});

describe("loginWithDeviceCode", () => {
  it("writes the token as aws sso login does, with the registration and refresh token", async () => {
    h = await createTempHome();
    const token = await loginWithDeviceCode(h.deps, session, { oidcEndpoint: emu.url, onPrompt: () => undefined });
    const raw = await readFile(tokenCachePath(h.deps, session), "utf8");
    const onDisk = JSON.parse(raw) as Record<string, string>;
    expect(Object.keys(onDisk)).toEqual(["startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken"]);
    expect(onDisk.accessToken).toBe(token.accessToken);
    expect(onDisk.startUrl).toBe(session.startUrl);
    expect(onDisk.region).toBe("us-east-1");
    expect(emu.stats().StartDeviceAuthorization).toBe(1);
  });

  it("adds 5 s to the polling interval on SlowDown and stops when cancelled", async () => {
    const slow = await startEmulator({ port: 0, autoApprove: false });
    try {
      h = await createTempHome();
      const waits: number[] = [];
      const abort = new AbortController();
      let prompts = 0;
      const run = loginWithDeviceCode(h.deps, session, {
        oidcEndpoint: slow.url,
        onPrompt: () => void prompts++,
        signal: abort.signal,
        // No real waiting: every poll comes too soon, which the service answers with SlowDown.
        sleep: async (ms) => {
          waits.push(ms);
          if (waits.length === 4) abort.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ code: "LoginCancelled" });
      expect(prompts).toBe(1);
      for (let i = 1; i < waits.length; i++) expect((waits[i] as number) - (waits[i - 1] as number)).toBeGreaterThanOrEqual(0);
      expect(waits.at(-1)).toBeGreaterThan(waits[0] as number);
      expect(slow.stats().CreateToken).toBeGreaterThanOrEqual(4);
    } finally {
      await slow.close();
    }
  });
});

describe("login: reuse and single-flight", () => {
  it("reuses a valid token unless forced", async () => {
    h = await createTempHome();
    const first = await login(h.deps, session, { flow: "device", oidcEndpoint: emu.url });
    expect(first.reused).toBe(false);
    const second = await login(h.deps, session, { flow: "device", oidcEndpoint: emu.url });
    expect(second).toMatchObject({ reused: true, flow: undefined });
    expect(second.token.accessToken).toBe(first.token.accessToken);
    expect(emu.stats().StartDeviceAuthorization).toBe(1);
    const forced = await login(h.deps, session, { flow: "device", oidcEndpoint: emu.url, force: true });
    expect(forced.reused).toBe(false);
    expect(forced.token.accessToken).not.toBe(first.token.accessToken);
    expect(emu.stats().StartDeviceAuthorization).toBe(2);
  });

  it("concurrent logins for one session authorize once; the others wait, are told, and reuse", async () => {
    h = await createTempHome();
    let waited = 0;
    const results = await Promise.all(
      Array.from({ length: 3 }, () => login(h.deps, session, { flow: "device", oidcEndpoint: emu.url, onWaitForOtherLogin: () => void waited++ })),
    );
    expect(results.filter((r) => !r.reused)).toHaveLength(1);
    expect(waited).toBe(2);
    expect(emu.stats().StartDeviceAuthorization).toBe(1);
    expect(new Set(results.map((r) => r.token.accessToken)).size).toBe(1);
    // No lock left behind.
    expect((await readdir(h.ssoCacheDir)).filter((f) => f.includes("lock"))).toEqual([]);
  });

  it("waitForLogin returns at once when no login runs, and waits for one that does", async () => {
    h = await createTempHome();
    expect(await waitForLogin(h.deps, session)).toBe(false);
    // A browser login holds the lock until the browser comes back, which the test controls.
    let openedUrl!: (u: string) => void;
    const opened = new Promise<string>((r) => (openedUrl = r));
    const running = login(h.deps, session, { flow: "pkce", oidcEndpoint: emu.url, openUrl: (u) => openedUrl(u) });
    const url = await opened;
    const waiting = waitForLogin(h.deps, session);
    await new Promise((r) => setTimeout(r, 50));
    await fetch(url); // the emulator approves and redirects to our callback
    const [waited, result] = await Promise.all([waiting, running]);
    expect(waited).toBe(true);
    expect(result.reused).toBe(false);
    expect(JSON.parse(await readFile(tokenCachePath(h.deps, session), "utf8")).accessToken).toBe(result.token.accessToken);
  });

  it("a login that fails leaves a valid cached token untouched and says what to run", async () => {
    h = await createTempHome();
    const ok = await login(h.deps, session, { flow: "device", oidcEndpoint: emu.url });
    const before = await readFile(tokenCachePath(h.deps, session), "utf8");
    const err = await login(h.deps, session, { flow: "device", oidcEndpoint: "http://127.0.0.1:9", force: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "NetworkError" });
    expect((err as Error).message).toMatch(/connection refused/);
    expect(leakedSecrets((err as Error).message)).toEqual([]);
    expect((err as Error).message).not.toContain(ok.token.accessToken);
    expect(await readFile(tokenCachePath(h.deps, session), "utf8")).toBe(before);
  });
});
