import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { useEmulator } from "@sso-creds/emulator";
import { chromium, type Browser } from "playwright-core";
import * as vitest from "vitest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeHome, runCli, type CliHome } from "../test-support/cliHarness.js";

// No autoApprove: the browser has to click Allow on the emulator's consent page.
const emu = useEmulator(vitest, { autoApprove: false, resetAfterEach: false });
let browser: Browser;
let home: CliHome;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await home?.cleanup();
});

it("sso login --no-browser: PKCE through a real browser, state and verifier checked, token written", async () => {
  home = await makeHome(emu.url);
  let resolveUrl!: (u: string) => void;
  const urlSeen = new Promise<string>((r) => (resolveUrl = r));
  const run = runCli(["login", "--sso-session", "my-sso", "--no-browser"], home.env, {
    onStderr: (_chunk, all) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)/.exec(all);
      if (m?.[1]) resolveUrl(m[1]);
    },
  });
  const url = await Promise.race([urlSeen, run.then((r) => Promise.reject(new Error(`CLI exited early: ${r.stderr}`)))]);
  const params = new URL(url).searchParams;
  expect(params.get("code_challenge_method")).toBe("S256");
  expect(params.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(params.get("scopes")).toBe("sso:account:access");
  expect(params.get("redirect_uri")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);

  const page = await browser.newPage();
  await page.goto(url);
  await page.getByRole("button", { name: /allow/i }).click();
  await page.waitForURL(/\/oauth\/callback\?/);
  expect(await page.textContent("body")).toMatch(/You can close this tab/);
  await page.close();

  const result = await run;
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/Logged in to sso-session my-sso/);
  const tokenFile = join(home.ssoCache, `${createHash("sha1").update("my-sso").digest("hex")}.json`);
  const token = JSON.parse(await readFile(tokenFile, "utf8")) as Record<string, string>;
  expect(token.accessToken).toBeTruthy();
  expect(token.refreshToken).toBeTruthy();
  expect(result.stdout + result.stderr).not.toContain(token.accessToken);
  expect(emu.stats().StartDeviceAuthorization ?? 0).toBe(0);
}, 90_000);
