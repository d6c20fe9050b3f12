import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@sso-creds/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CredentialsError } from "../errors.js";
import { resolveCredentials } from "../provider/resolveCredentials.js";
import { START_URL, testSession } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { writeToken } from "../token/writeToken.js";
import type { RoleCredentials } from "../types.js";
import { consoleSigninUrl } from "./consoleSigninUrl.js";


describe("consoleSigninUrl against the emulator's federation endpoint", { timeout: 60_000 }, () => {
  let emu: Emulator;
  let t: TempHome;
  let clock = Date.now();
  let creds: RoleCredentials;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, autoApprove: true, now: () => clock });
    t = await createTempHome();
    t.deps.now = () => clock;
    Object.assign(t.deps.env, { AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url, SSO_CREDS_FEDERATION_ENDPOINT: emu.url });
    await mkdir(join(t.home, ".aws"), { recursive: true });
    await writeFile(
      join(t.home, ".aws", "config"),
      `[profile dev]\nsso_session = my-sso\nsso_account_id = 333333333333\nsso_role_name = ReadOnlyAccess\n\n[sso-session my-sso]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n`,
    );
    await writeToken(t.deps, testSession("my-sso"), { ...emu.mintToken({ startUrl: START_URL, region: "us-east-1" }) });
    creds = await resolveCredentials(t.deps, { profile: "dev" });
  });
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("builds a login URL the federation endpoint accepts: the console page names the account and role", async () => {
    const url = new URL(await consoleSigninUrl(t.deps, creds, { destination: "https://console.aws.amazon.com/s3/home", profileName: "dev" }));
    expect(`${url.origin}${url.pathname}`).toBe(`${emu.url}/federation`);
    expect(url.searchParams.get("Action")).toBe("login");
    expect(url.searchParams.get("Issuer")).toBe("sso-creds");
    expect(url.searchParams.get("Destination")).toBe("https://console.aws.amazon.com/s3/home");
    // The URL carries a sign-in token, never the credentials themselves.
    expect(url.href).not.toContain(creds.secretAccessKey);
    expect(url.href).not.toContain(encodeURIComponent(creds.sessionToken));
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Account: 333333333333");
    expect(html).toMatch(/Role: AWSReservedSSO_ReadOnlyAccess_\w+/);

    const tampered = new URL(url);
    tampered.searchParams.set("SigninToken", `${url.searchParams.get("SigninToken")}x`);
    expect((await fetch(tampered)).status).toBe(400);
  });

  it("calls the federation endpoint through deps.fetch (the seam), never around it", async () => {
    const asked: string[] = [];
    const recording: typeof fetch = (input, init) => (asked.push(String(input)), fetch(input, init));
    await consoleSigninUrl({ ...t.deps, fetch: recording }, creds, { profileName: "dev" });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(new RegExp(`^${emu.url}/federation\\?Action=getSigninToken&`));
  });

  it("defaults the destination to the console home of the region", async () => {
    const url = new URL(await consoleSigninUrl(t.deps, creds, { region: "eu-west-1" }));
    expect(url.searchParams.get("Destination")).toBe("https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1");
  });

  it("credentials the endpoint did not issue, or that expired, are refused with a CredentialsError and the fix", async () => {
    const forged = { ...creds, secretAccessKey: "not-the-key" };
    const err = (await consoleSigninUrl(t.deps, forged, { profileName: "dev" }).catch((e: unknown) => e)) as CredentialsError;
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.fix).toBe("sso login --profile dev");
    expect(err.message).not.toContain("not-the-key");

    clock = creds.expiration + 1000;
    const expired = (await consoleSigninUrl(t.deps, creds).catch((e: unknown) => e)) as CredentialsError;
    expect(expired.code).toBe("SigninTokenRefused");
  });
});
