import { readFile } from "node:fs/promises";
import * as vitest from "vitest";
import { describe, expect, it } from "vitest";
import { BOTO3_CREDENTIALS } from "./test-support/botocoreScripts.js";
import { aws, python, sso, START_URL } from "./test-support/peers.js";
import { useInteropWorld } from "./test-support/useInteropWorld.js";
import { expectOk } from "./test-support/expectOk.js";

// Case 2: our `sso login` → AWS CLI v2 `configure export-credentials` and a boto3 session use that token, without logging in.
describe("a token from our sso login serves AWS CLI v2 and boto3 with no login of their own", () => {
  const { world, home } = useInteropWorld(vitest);

  const profiles = [
    { profile: "dev", kind: "sso-session", tokenKey: "my-sso", accountId: "111111111111" },
    { profile: "legacy", kind: "legacy start URL", tokenKey: START_URL, accountId: "222222222222" },
  ];

  it.each(profiles)("$kind profile $profile: export-credentials, aws sts and boto3 get working credentials from our token file", async ({ profile, tokenKey, accountId }) => {
    expectOk(await sso(world, home, ["login", "--profile", profile, "--use-device-code", "--no-browser"]), "sso login");
    const loginCalls = world.emu.stats();
    expect(loginCalls).toMatchObject({ RegisterClient: 1, StartDeviceAuthorization: 1, CreateToken: 1 });
    const tokenBytes = await readFile(home.tokenFile(tokenKey), "utf8");

    const exported = expectOk(await aws(world, home, ["configure", "export-credentials", "--profile", profile, "--format", "process"]), "aws configure export-credentials");
    const process_ = JSON.parse(exported.stdout) as Record<string, unknown>;
    expect(process_).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    expect(Date.parse(String(process_.Expiration))).toBeGreaterThan(Date.now());

    // STS verifies the SigV4 signature: the credentials the AWS CLI got with our token are real ones.
    const ident = expectOk(await aws(world, home, ["sts", "get-caller-identity", "--profile", profile, "--output", "json"]), "aws sts get-caller-identity");
    expect(JSON.parse(ident.stdout)).toMatchObject({ Account: accountId });

    const boto3 = expectOk(await python(world, home, BOTO3_CREDENTIALS, [profile]), "boto3");
    expect(JSON.parse(boto3.stdout)).toMatchObject({ account: accountId, accessKeyId: expect.stringMatching(/^ASIA/) });

    const after = world.emu.stats();
    // Nobody logged in, registered or refreshed again: both peers used the token we wrote, unchanged.
    expect({ RegisterClient: after.RegisterClient, StartDeviceAuthorization: after.StartDeviceAuthorization, CreateToken: after.CreateToken }).toEqual({
      RegisterClient: 1,
      StartDeviceAuthorization: 1,
      CreateToken: 1,
    });
    expect(after.GetRoleCredentials).toBe(2);
    expect(await readFile(home.tokenFile(tokenKey), "utf8")).toBe(tokenBytes);
  });
});
