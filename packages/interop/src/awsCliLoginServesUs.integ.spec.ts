import { readFile } from "node:fs/promises";
import * as vitest from "vitest";
import { describe, expect, it } from "vitest";
import { BOTO3_CREDENTIALS } from "./test-support/botocoreScripts.js";
import { expectOk } from "./test-support/expectOk.js";
import { aws, CONFIG, parseShEnv, python, RUN_JS, sso, START_URL } from "./test-support/peers.js";
import { useInteropWorld } from "./test-support/useInteropWorld.js";

// Our credential_process entry, as a user puts it in ~/.aws/config (split by botocore with shlex, no shell).
const PROCESS_CONFIG = `${CONFIG}
[profile via-process]
credential_process = ${process.execPath} ${RUN_JS} env --profile dev --format process
region = us-east-1
`;

// Case 3: AWS CLI v2 `aws sso login` (device code; 2.9.19 has no other flow and no --use-device-code flag), approved by the
// emulator → our `sso env` and our credential_process output use its token.
describe("a token from AWS CLI v2 aws sso login serves our sso env and credential_process", () => {
  const { world, home } = useInteropWorld(vitest, { config: PROCESS_CONFIG });

  const profiles = [
    { profile: "dev", kind: "sso-session", tokenKey: "my-sso", accountId: "111111111111" },
    { profile: "legacy", kind: "legacy start URL", tokenKey: START_URL, accountId: "222222222222" },
  ];

  it.each(profiles)("$kind profile $profile: sso login reuses it and sso env prints credentials STS accepts, with no login or refresh of ours", async ({ profile, tokenKey, accountId }) => {
    expectOk(await aws(world, home, ["sso", "login", "--no-browser", "--profile", profile]), "aws sso login");
    expect(world.emu.stats()).toMatchObject({ RegisterClient: 1, StartDeviceAuthorization: 1, CreateToken: 1 });
    const tokenBytes = await readFile(home.tokenFile(tokenKey), "utf8");

    // Our sso login sees the AWS CLI's login as valid and reuses it: no second device authorization.
    const login = expectOk(await sso(world, home, ["login", "--profile", profile, "--use-device-code", "--no-browser"]), "sso login");
    expect(login.stdout).toMatch(/^Reusing valid token/);

    const env = parseShEnv(expectOk(await sso(world, home, ["env", "--profile", profile]), "sso env").stdout);
    expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: expect.stringMatching(/^ASIA/), AWS_ACCOUNT_ID: accountId });

    // The exported variables work for the AWS CLI itself (STS checks the SigV4 signature).
    const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = env;
    const ident = expectOk(
      await aws(world, home, ["sts", "get-caller-identity", "--output", "json"], { AWS_ACCESS_KEY_ID: AWS_ACCESS_KEY_ID!, AWS_SECRET_ACCESS_KEY: AWS_SECRET_ACCESS_KEY!, AWS_SESSION_TOKEN: AWS_SESSION_TOKEN!, AWS_REGION: "us-east-1" }),
      "aws sts get-caller-identity with sso env's variables",
    );
    expect(JSON.parse(ident.stdout)).toMatchObject({ Account: accountId });

    // We used the AWS CLI's token as it was: no login, registration or refresh of ours, file untouched.
    expect(world.emu.stats()).toMatchObject({ RegisterClient: 1, StartDeviceAuthorization: 1, CreateToken: 1, GetRoleCredentials: 1 });
    expect(await readFile(home.tokenFile(tokenKey), "utf8")).toBe(tokenBytes);
  });

  it("credential_process = sso env --format process: AWS CLI v2 and boto3 get credentials from the AWS CLI's token through it", async () => {
    expectOk(await aws(world, home, ["sso", "login", "--no-browser", "--sso-session", "my-sso"]), "aws sso login --sso-session");
    const ident = expectOk(await aws(world, home, ["sts", "get-caller-identity", "--profile", "via-process", "--output", "json"]), "aws sts via credential_process");
    expect(JSON.parse(ident.stdout)).toMatchObject({ Account: "111111111111" });
    const boto3 = expectOk(await python(world, home, BOTO3_CREDENTIALS, ["via-process"]), "boto3 via credential_process");
    expect(JSON.parse(boto3.stdout)).toMatchObject({ account: "111111111111", accessKeyId: expect.stringMatching(/^ASIA/) });
    // One login (the AWS CLI's); the second credential_process run reused the role credentials the first one cached.
    expect(world.emu.stats()).toMatchObject({ StartDeviceAuthorization: 1, CreateToken: 1, GetRoleCredentials: 1 });
  });
});
