import { startEmulator } from "@sso-creds/emulator";
import { afterEach, expect, it } from "vitest";
import { login } from "../login/login.js";
import { testSession } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { listAccountsAndRoles } from "./listAccountsAndRoles.js";

let h: TempHome;
const session = testSession("my-sso");
afterEach(async () => {
  await h?.cleanup();
});

it("lists every account and its roles from the emulator's fixtures", async () => {
  const emu = await startEmulator({ port: 0, autoApprove: true });
  try {
    h = await createTempHome();
    await login(h.deps, session, { flow: "device", oidcEndpoint: emu.url });
    const all = await listAccountsAndRoles(h.deps, session, { ssoEndpoint: emu.url, oidcEndpoint: emu.url });
    expect(all.map((a) => a.accountId).sort()).toEqual(["111111111111", "222222222222", "333333333333"]);
    expect(all.find((a) => a.accountId === "111111111111")).toMatchObject({ accountName: "Development" });
    for (const a of all) expect(a.roles.length).toBeGreaterThanOrEqual(2);
  } finally {
    await emu.close();
  }
}, 30_000);

it("retries TooManyRequestsException with backoff and still returns everything", async () => {
  const emu = await startEmulator({ port: 0, autoApprove: true, throttleRps: 2 });
  try {
    h = await createTempHome();
    await login(h.deps, session, { flow: "device", oidcEndpoint: emu.url });
    const waits: number[] = [];
    const all = await listAccountsAndRoles(h.deps, session, {
      ssoEndpoint: emu.url,
      oidcEndpoint: emu.url,
      concurrency: 3,
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    });
    expect(all).toHaveLength(3);
    expect(waits.length).toBeGreaterThan(0);
  } finally {
    await emu.close();
  }
}, 60_000);
