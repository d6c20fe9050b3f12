import { readFile } from "node:fs/promises";
import { useEmulator } from "@sso-creds/emulator";
import * as vitest from "vitest";
import { afterEach, expect, it } from "vitest";
import { tokenCachePath } from "../paths/index.js";
import { testSession } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { loginWithPkce } from "./loginWithPkce.js";

const emu = useEmulator(vitest, { autoApprove: true });
let h: TempHome;
const session = testSession("my-sso");

afterEach(async () => {
  await h?.cleanup();
});

/** What a browser does with the authorize URL when the user is signed in and approves: follow the redirect back. */
async function browse(url: string): Promise<string> {
  const res = await fetch(url, { redirect: "follow" });
  return res.text();
}

it("authorization code + PKCE: listener on 127.0.0.1, state checked, token written", async () => {
  h = await createTempHome();
  let seen = "";
  let page = "";
  const token = await loginWithPkce(h.deps, session, {
    oidcEndpoint: emu.url,
    openUrl: async (url) => {
      seen = url;
      // The browser runs on its own; the login must not wait for openUrl to see the callback.
      void browse(url).then((t) => (page = t));
    },
  });
  const u = new URL(seen);
  expect(`${u.protocol}//${u.host}${u.pathname}`).toBe(`${emu.url}/authorize`);
  expect(u.searchParams.get("redirect_uri")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
  const onDisk = JSON.parse(await readFile(tokenCachePath(h.deps, session), "utf8")) as Record<string, string>;
  expect(onDisk.accessToken).toBe(token.accessToken);
  expect(onDisk.refreshToken).toBeTruthy();
  await new Promise((r) => setTimeout(r, 50));
  expect(page).toMatch(/You can close this tab/);
});

it("rejects a callback whose state does not match, and a denial, with the fix", async () => {
  h = await createTempHome();
  const forged = loginWithPkce(h.deps, session, {
    oidcEndpoint: emu.url,
    openUrl: async (url) => {
      const redirect = new URL(url).searchParams.get("redirect_uri") as string;
      await fetch(`${redirect}?code=stolen&state=not-the-one`);
    },
  });
  await expect(forged).rejects.toMatchObject({ code: "StateMismatch", fix: "sso login --sso-session my-sso" });

  const denied = loginWithPkce(h.deps, session, {
    oidcEndpoint: emu.url,
    openUrl: async (url) => {
      const redirect = new URL(url).searchParams.get("redirect_uri") as string;
      await fetch(`${redirect}?error=access_denied&state=${new URL(url).searchParams.get("state")}`);
    },
  });
  await expect(denied).rejects.toMatchObject({ code: "AuthorizationDenied" });
  expect(emu.stats().CreateToken ?? 0).toBe(0);
});

it("gives up after timeoutMs with a device-code hint, and the listener is gone", async () => {
  h = await createTempHome();
  let redirect = "";
  const run = loginWithPkce(h.deps, session, {
    oidcEndpoint: emu.url,
    timeoutMs: 300,
    openUrl: (url) => void (redirect = new URL(url).searchParams.get("redirect_uri") as string),
  });
  await expect(run).rejects.toMatchObject({ code: "PendingAuthorizationExpired", fix: "sso login --sso-session my-sso --use-device-code" });
  await expect(fetch(`${redirect}?code=x&state=y`)).rejects.toThrow();
});
