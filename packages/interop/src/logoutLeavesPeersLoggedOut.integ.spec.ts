import * as vitest from "vitest";
import { describe, expect, it } from "vitest";
import { BOTO3_CREDENTIALS } from "./test-support/botocoreScripts.js";
import { expectOk } from "./test-support/expectOk.js";
import { aws, python, sso, type Run } from "./test-support/peers.js";
import { useInteropWorld } from "./test-support/useInteropWorld.js";

const PROFILES = ["dev", "legacy"];

/** A user error, not a crash: one `sso:` line, a `Run: sso login …` line, nothing on stdout, no stack trace. */
function expectOurLoginHint(run: Run): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^sso: (No SSO token for|.*(logged in|expired))/i);
  expect(run.stderr).toMatch(/Run: sso login (--sso-session my-sso|--profile legacy)/);
  expect(run.stderr).not.toMatch(/^\s+at |TypeError|ReferenceError/m);
}

/** The AWS CLI's own message for "no token" (the one it prints after its own `aws sso logout`), not a traceback. */
function expectAwsCliLoginHint(run: Run): void {
  expect(run.code, run.stderr).not.toBe(0);
  expect(run.stderr).not.toMatch(/Traceback/);
  expect(run.stderr.trim()).toMatch(/^Error loading SSO Token: Token for (my-sso|https:\/\/d-0123456789\.awsapps\.com\/start) does not exist$/);
}

// Case 6: logout by either side leaves the other in a clear "log in" state, not a crash, and with no role credentials
// left behind in ~/.aws/cli/cache that would keep it working after the user logged out.
describe("logout by either side leaves the other asking for a login, not crashing", () => {
  const { world, home } = useInteropWorld(vitest);

  it("after aws sso logout, our sso env fails with 'run sso login' and sso status shows not logged in", async () => {
    for (const profile of PROFILES) {
      expectOk(await sso(world, home, ["login", "--profile", profile, "--use-device-code", "--no-browser"]), `sso login ${profile}`);
      expectOk(await sso(world, home, ["env", "--profile", profile]), `sso env ${profile}`);
    }
    expect(await home.files(home.cliCache)).toHaveLength(2);

    expectOk(await aws(world, home, ["sso", "logout"]), "aws sso logout");
    // The AWS CLI revoked both of our tokens and removed them and our cached role credentials.
    expect(world.emu.stats().Logout).toBe(2);
    expect(await home.files(home.cliCache)).toEqual([]);

    for (const profile of PROFILES) {
      expectOurLoginHint(await sso(world, home, ["env", "--profile", profile]));
      const status = await sso(world, home, ["status", "--profile", profile, "--json"]);
      // Not logged in is exit 1 (sso status --help, EXIT CODES), with the JSON still on stdout.
      expect(status.code, status.stderr).toBe(1);
      const parsed = JSON.parse(status.stdout) as { sessions: Array<{ loggedIn: boolean }>; profile: { credentialsError?: string } };
      expect(parsed.sessions[0]?.loggedIn).toBe(false);
      expect(parsed.profile.credentialsError).toMatch(/sso login/);
    }
    expect(world.emu.stats().GetRoleCredentials).toBe(2);
  });

  it("after our sso logout, AWS CLI v2 and boto3 report their own 'log in' errors and use no leftover credentials", async () => {
    for (const profile of PROFILES) {
      expectOk(await aws(world, home, ["sso", "login", "--no-browser", "--profile", profile]), `aws sso login ${profile}`);
      expectOk(await aws(world, home, ["configure", "export-credentials", "--profile", profile]), `aws configure export-credentials ${profile}`);
    }
    const registrations = (await home.files(home.ssoCache)).length - 2;

    expectOk(await sso(world, home, ["logout"]), "sso logout");
    expect(world.emu.stats().Logout).toBe(2);
    // As aws sso logout: tokens and SSO role credentials gone, client registrations kept.
    expect(await home.files(home.cliCache)).toEqual([]);
    expect(await home.files(home.ssoCache)).toHaveLength(registrations);

    for (const profile of PROFILES) {
      expectAwsCliLoginHint(await aws(world, home, ["configure", "export-credentials", "--profile", profile]));
      expectAwsCliLoginHint(await aws(world, home, ["sts", "get-caller-identity", "--profile", profile]));
      const boto3 = await python(world, home, BOTO3_CREDENTIALS, [profile]);
      expect(boto3.code, boto3.stderr).toBe(3);
      expect(JSON.parse(boto3.stdout)).toMatchObject({ error: expect.stringMatching(/^(SSOTokenLoadError|UnauthorizedSSOTokenError|TokenRetrievalError)$/) });
    }
    expect(world.emu.stats().GetRoleCredentials).toBe(2);
  });
});
