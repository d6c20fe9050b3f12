import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { useEmulator } from "@sso-creds/emulator";
import * as vitest from "vitest";
import { afterEach, expect, it } from "vitest";
import { credentialsCachePath } from "../credentials/index.js";
import { login } from "../login/login.js";
import { registrationCachePath } from "../login/registerClient.js";
import { tokenCachePath } from "../paths/index.js";
import { testProfile, testSession } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { logout } from "./logout.js";

const emu = useEmulator(vitest, { autoApprove: true });
let h: TempHome;
const a = testSession("a-sso");
const b = testSession("b-sso");

afterEach(async () => {
  await h?.cleanup();
});

async function seed(): Promise<{ credA: string; credB: string; foreign: string }> {
  await login(h.deps, a, { flow: "device", oidcEndpoint: emu.url });
  await login(h.deps, b, { flow: "device", oidcEndpoint: emu.url });
  await mkdir(h.cliCacheDir, { recursive: true });
  const sso = JSON.stringify({ ProviderType: "sso", Credentials: { AccessKeyId: "ASIA", Expiration: "2099-01-01T00:00:00Z" } });
  const credA = credentialsCachePath(h.deps, testProfile(a));
  const credB = credentialsCachePath(h.deps, testProfile(b, { profileName: "b" }));
  const foreign = join(h.cliCacheDir, "assume-role.json");
  await writeFile(credA, sso);
  await writeFile(credB, sso);
  await writeFile(foreign, JSON.stringify({ Credentials: { AccessKeyId: "ASIA" } }));
  return { credA, credB, foreign };
}

it("one session: revokes and deletes its token and its profiles' SSO credentials; keeps the rest and the registration", async () => {
  h = await createTempHome();
  const { credA, credB, foreign } = await seed();
  const r = await logout(h.deps, { session: a, profiles: [testProfile(a), testProfile(b, { profileName: "b" })], ssoEndpoint: emu.url });
  expect(r).toMatchObject({ tokenFiles: [tokenCachePath(h.deps, a)], credentialFiles: [credA], revoked: 1, revokeFailed: 0 });
  expect(emu.stats().Logout).toBe(1);
  const sso = await readdir(h.ssoCacheDir);
  expect(sso).toContain(`${tokenCachePath(h.deps, b).split("/").pop()}`);
  expect(sso).toContain(registrationCachePath(h.deps, a).split("/").pop());
  expect((await readdir(h.cliCacheDir)).sort()).toEqual([credB, foreign].map((p) => p.split("/").pop()).sort());
});

it("all: every token and every ProviderType sso file, even when the service is unreachable", async () => {
  h = await createTempHome();
  const { foreign } = await seed();
  const r = await logout(h.deps, { all: true, ssoEndpoint: "http://127.0.0.1:9" });
  expect(r.tokenFiles).toHaveLength(2);
  expect(r.revokeFailed).toBe(2);
  expect(r.credentialFiles).toHaveLength(2);
  expect(await readdir(h.cliCacheDir)).toEqual([foreign.split("/").pop()]);
  // Registrations have no accessToken and stay.
  expect((await readdir(h.ssoCacheDir)).filter((f) => f.endsWith(".json")).length).toBeGreaterThanOrEqual(1);
});
