import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeHome, runCli, type CliHome } from "../test-support/cliHarness.js";
import { START_URL, startEmulator, writeToken, type Emulator } from "../test-support/credentialCommandsHome.js";

// Not auto-approved: each login stops at its prompt, which is all these tests read.
let emu: Emulator;
const homes: CliHome[] = [];
beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: false });
});
afterAll(async () => {
  for (const h of homes) await h.cleanup();
  await emu.close();
});
async function home(config?: string): Promise<CliHome> {
  const h = await makeHome(emu.url, config);
  homes.push(h);
  return h;
}

/** `sso login ...` until it printed its prompt (a URL on a line of its own), then stopped: what it printed on stderr. */
async function untilPrompt(args: string[], env: Record<string, string>): Promise<string> {
  let resolvePrompt: (s: string) => void = () => {};
  const printed = new Promise<string>((r) => (resolvePrompt = r));
  const run = runCli(["login", ...args], env, { onStderr: (_chunk, all) => void (/^ {2}http\S+$/m.test(all) && resolvePrompt(all)) });
  const stderr = await Promise.race([printed, run.then((r) => Promise.reject(new Error(`sso login exited ${r.code}: ${r.stderr}`)))]);
  run.kill();
  await run;
  return stderr;
}

describe("sso login says which flow it chose and why", () => {
  it("no browser can open here: the device code, the reason, and the flag for PKCE", async () => {
    for (const [env, why] of [
      [{ SSH_CONNECTION: "10.0.0.1 50000 10.0.0.2 22", DISPLAY: ":0" }, "An SSH session (SSH_CONNECTION is set)"],
      [{ CI: "true" }, "A CI job (CI is set)"],
    ] as Array<[Record<string, string>, string]>) {
      const h = await home();
      const stderr = await untilPrompt(["--sso-session", "my-sso"], { ...h.env, ...env });
      expect(stderr.split("\n")[0]).toBe(`${why}: using the device code; --no-browser prints a PKCE URL instead.`);
      expect(stderr).toMatch(/^To log in to sso-session my-sso, open:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/device\?user_code=/m);
    }
  });

  it("--use-device-code and --no-browser say they were asked for", async () => {
    const h = await home();
    const device = await untilPrompt(["--sso-session", "my-sso", "--use-device-code"], { ...h.env, SSH_TTY: "/dev/pts/0" });
    expect(device.split("\n")[0]).toBe("Using the device code (--use-device-code): confirm the code on any device.");
    const pkce = await untilPrompt(["--sso-session", "my-sso", "--no-browser"], { ...h.env, SSH_TTY: "/dev/pts/0" });
    expect(pkce.split("\n")[0]).toBe("Printing a PKCE login URL to open in a browser on this machine (--no-browser); --use-device-code confirms a code on any device instead.");
    expect(pkce).toMatch(/open this URL in a browser on this machine:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/authorize\?/);
  });

  it("a legacy profile says why it is the device code, whatever the machine", async () => {
    const h = await home(`[profile old]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = R\n`);
    const stderr = await untilPrompt(["--profile", "old"], { ...h.env, SSH_TTY: "/dev/pts/0" });
    expect(stderr.split("\n")[0]).toMatch(/^A legacy SSO profile .* logs in with the device code/);
  });

  it("a reused token prints no flow line", async () => {
    const h = await home();
    await writeToken(h, emu.mintToken({ startUrl: START_URL, region: "us-east-1" }));
    const again = await runCli(["login", "--sso-session", "my-sso"], { ...h.env, CI: "true" });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Reusing valid token/);
    expect(again.stderr).toBe("");
  });
});
