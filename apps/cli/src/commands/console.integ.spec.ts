import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_CONFIG, expectUserError, loggedInHome, runCli, startEmulator, type CliHome, type Emulator } from "../test-support/credentialCommandsHome.js";

const CONFIG = `${BASE_CONFIG}
[profile staging-ro]
role_arn = arn:aws:iam::222222222222:role/ReadOnlyAccess
source_profile = dev
role_session_name = alice
`;

let emu: Emulator;
let home: CliHome;
let env: Record<string, string>;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true });
  home = await loggedInHome(emu, CONFIG);
  env = { ...home.env, SSO_CREDS_FEDERATION_ENDPOINT: emu.url };
}, 60_000);
afterAll(async () => {
  await home?.cleanup();
  await emu?.close();
});

describe("sso console", { timeout: 60_000 }, () => {
  it("--no-browser prints a sign-in URL the federation endpoint accepts (console page for the role)", async () => {
    const r = await runCli(["console", "--profile", "staging-ro", "--no-browser", "--destination", "https://console.aws.amazon.com/s3/home"], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const url = new URL(r.stdout.trim());
    expect(url.searchParams.get("Action")).toBe("login");
    expect(url.searchParams.get("Destination")).toBe("https://console.aws.amazon.com/s3/home");
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Account: 222222222222");
    expect(html).toContain("Role: ReadOnlyAccess");
    expect(html).toContain("assumed-role/ReadOnlyAccess/alice");
  });

  it("an SSO profile works too; where no browser can open (CI) the URL is printed", async () => {
    const r = await runCli(["console", "--profile", "dev"], { ...env, CI: "true" });
    expect(r.code).toBe(0);
    const url = new URL(r.stdout.trim());
    expect(url.searchParams.get("Destination")).toBe("https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1");
    expect((await fetch(url)).status).toBe(200);
  });

  it("an unknown profile is one user error", async () => {
    const r = await runCli(["console", "--profile", "nope", "--no-browser"], env);
    expectUserError(r);
    expect(r.stderr).toContain("nope");
  });
});
