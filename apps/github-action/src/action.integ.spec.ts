import { access, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CREDENTIAL_ENV_NAMES } from "@sso-creds/core";
import { DEFAULT_START_URL as START_URL, spendRefreshToken, startEmulator, tokenSecrets, type Emulator, type MintedToken } from "@sso-creds/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APP_DIR, expectMaskedBeforeUse, runStep, type StepResult } from "./test-support/runStep.js";

type Token = MintedToken;

/** A role outside the SSO assignments that STS lets any SSO role assume with this external ID (the emulator's trust). */
const PARTNER_ROLE = "arn:aws:iam::444444444444:role/PartnerAudit";
/** The action hands out what every other hand-out does (core's list). */
const EXPORTED = [...CREDENTIAL_ENV_NAMES];

let emu: Emulator;
let home: string;
let runnerTemp: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true, fixtures: { assumableRoles: [{ roleArn: PARTNER_ROLE, externalId: "ext-4711" }] } });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  emu.reset();
  home = await mkdtemp(join(tmpdir(), "gha-home-"));
  runnerTemp = await mkdtemp(join(tmpdir(), "gha-runner-temp-"));
  return async () => {
    await rm(home, { recursive: true, force: true });
    await rm(runnerTemp, { recursive: true, force: true });
  };
});

function runnerEnv(): Record<string, string> {
  return { HOME: home, RUNNER_TEMP: runnerTemp, AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url, AWS_ENDPOINT_URL_STS: emu.url };
}

function main(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<StepResult> {
  return runStep("main", { inputs, env: { ...runnerEnv(), ...env } });
}

const exists = (path: string) => access(path).then(() => true, () => false);

/** Every value the step announced with ::add-mask::, in order. */
function maskedValues(stdout: string): string[] {
  return [...stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1]!);
}

/** Who STS says exported credentials belong to (the real JS SDK, signing with them; the action has no SDK of its own, core does). */
async function callerArn(env: Record<string, string>): Promise<string> {
  const sdk = createRequire(join(APP_DIR, "node_modules/@sso-creds/core/package.json"))("@aws-sdk/client-sts") as {
    STSClient: new (config: object) => { send(command: unknown): Promise<{ Arn?: string }>; destroy(): void };
    GetCallerIdentityCommand: new (input: object) => unknown;
  };
  const sts = new sdk.STSClient({
    region: "us-east-1",
    endpoint: emu.url,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY!, sessionToken: env.AWS_SESSION_TOKEN! },
  });
  try {
    return (await sts.send(new sdk.GetCallerIdentityCommand({}))).Arn!;
  } finally {
    sts.destroy();
  }
}

describe("main + post, as the runner runs dist/", () => {
  it("exports masked credentials, outputs, writes the profile, and the post step undoes it all", async () => {
    const token = emu.mintToken();
    const step = await main({
      "sso-token": JSON.stringify(token, null, 2),
      "account-id": "111111111111",
      "role-name": "ReadOnlyAccess",
      "aws-region": "eu-west-1",
      "profile-name": "ci",
      "output-credentials": "true",
    });
    expect(step.stderr).toBe("");
    expect(step.code).toBe(0);

    const creds = { id: step.env.AWS_ACCESS_KEY_ID!, secret: step.env.AWS_SECRET_ACCESS_KEY!, session: step.env.AWS_SESSION_TOKEN! };
    expect(creds.id).toMatch(/^ASIA/);
    expect(creds.secret.length).toBeGreaterThan(10);
    expect(creds.session.length).toBeGreaterThan(10);
    expect(Object.keys(step.env).sort()).toEqual([...EXPORTED].sort());
    expect(step.env.AWS_REGION).toBe("eu-west-1");
    expect(step.env.AWS_DEFAULT_REGION).toBe("eu-west-1");
    expect(step.env.AWS_ACCOUNT_ID).toBe("111111111111");
    expect(step.env.AWS_CREDENTIAL_EXPIRATION).toBe(step.outputs.expiration);

    expect(step.outputs["aws-account-id"]).toBe("111111111111");
    expect(Date.parse(step.outputs.expiration!)).toBeGreaterThan(Date.now());
    expect(step.outputs["aws-access-key-id"]).toBe(creds.id);
    expect(step.outputs["aws-secret-access-key"]).toBe(creds.secret);
    expect(step.outputs["aws-session-token"]).toBe(creds.session);
    expect(step.outputs["sso-token"]).toBeUndefined(); // a token with hours left is not refreshed
    expect(emu.stats().CreateToken ?? 0).toBe(0);
    expect(emu.stats().GetRoleCredentials).toBe(1);

    expectMaskedBeforeUse(step.stdout, [...tokenSecrets(token), creds.id, creds.secret, creds.session]);
    expect(step.stdout).toContain("ReadOnlyAccess");

    const credentialsFile = join(home, ".aws", "credentials");
    const configFile = join(home, ".aws", "config");
    const written = await readFile(credentialsFile, "utf8");
    expect(written).toContain("[ci]");
    expect(written).toContain(`aws_secret_access_key = ${creds.secret}`);
    expect(await readFile(configFile, "utf8")).toMatch(/\[profile ci\][^[]*region = eu-west-1/);
    // The private token cache the action used is gone with the main step.
    expect(await readdir(runnerTemp)).toEqual([]);

    const post = await runStep("post", { env: runnerEnv(), state: step.state });
    expect(post.code).toBe(0);
    for (const name of EXPORTED) expect(post.env[name], name).toBe("");
    expect(await exists(credentialsFile)).toBe(false);
    expect(await exists(configFile)).toBe(false);
    for (const secret of [...tokenSecrets(token), creds.secret, creds.session]) expect(post.stdout + post.stderr).not.toContain(secret);
  }, 60_000);

  it("refreshes a token that expires in a minute and outputs the rotated token, masked", async () => {
    const token = emu.mintToken({ accessTokenTtlSeconds: 60 });
    const step = await main({ "sso-token": JSON.stringify(token), "account-id": "111111111111", "role-name": "ReadOnlyAccess", "aws-region": "us-east-1" });
    expect(step.stderr).toBe("");
    expect(step.code).toBe(0);
    expect(emu.stats().CreateToken).toBe(1);

    const rotatedJson = step.outputs["sso-token"]!;
    const rotated = JSON.parse(rotatedJson) as Token;
    expect(rotated.accessToken).not.toBe(token.accessToken);
    expect(rotated.refreshToken).toBeTruthy();
    expect(rotated.startUrl).toBe(token.startUrl);
    expect(rotated.clientId).toBe(token.clientId);
    expect(Date.parse(rotated.expiresAt) - Date.now()).toBeGreaterThan(30 * 60_000);
    expectMaskedBeforeUse(step.stdout, [...tokenSecrets(token), ...tokenSecrets(rotated), rotatedJson, step.env.AWS_SECRET_ACCESS_KEY!, step.env.AWS_SESSION_TOKEN!]);
    expect(step.state.cleanup).toBeTruthy();
  }, 60_000);

  it("uses a still-valid token whose refresh is refused, with a warning", async () => {
    const token = emu.mintToken({ accessTokenTtlSeconds: 300 });
    await spendRefreshToken(emu.url, token);
    const before = emu.stats().CreateToken ?? 0;
    const step = await main({ "sso-token": JSON.stringify(token), "account-id": "111111111111", "role-name": "ReadOnlyAccess", "aws-region": "us-east-1" });
    expect(step.code).toBe(0);
    expect(emu.stats().CreateToken).toBe(before + 1);
    expect(step.stdout).toMatch(/^::warning::The SSO token expires at .* could not be refreshed/m);
    expect(step.outputs["sso-token"]).toBeUndefined();
    expect(step.env.AWS_SESSION_TOKEN).toBeTruthy();
    expectMaskedBeforeUse(step.stdout, tokenSecrets(token));
  }, 60_000);

  it("with mask-account-id, masks the account ID before it appears", async () => {
    const step = await main({
      "sso-token": JSON.stringify(emu.mintToken()),
      "account-id": "222222222222",
      "role-name": "ReadOnlyAccess",
      "aws-region": "us-east-1",
      "mask-account-id": "true",
    });
    expect(step.code).toBe(0);
    expectMaskedBeforeUse(step.stdout, ["222222222222"]);
    expect(step.outputs["aws-account-id"]).toBe("222222222222");
  }, 60_000);

  it("leaves a profile the user wrote alone and fails clearly", async () => {
    const { mkdir, writeFile } = await import("node:fs/promises");
    await mkdir(join(home, ".aws"), { recursive: true });
    await writeFile(join(home, ".aws", "credentials"), "[ci]\naws_access_key_id = MINE\n");
    const step = await main({
      "sso-token": JSON.stringify(emu.mintToken()),
      "account-id": "111111111111",
      "role-name": "ReadOnlyAccess",
      "aws-region": "us-east-1",
      "profile-name": "ci",
    });
    expect(step.code).toBe(1);
    expect(step.stdout).toMatch(/::error::.*already has a \[ci\] section/);
    expect(await readFile(join(home, ".aws", "credentials"), "utf8")).toBe("[ci]\naws_access_key_id = MINE\n");
    expect(step.env).toEqual({}); // nothing exported either
    const post = await runStep("post", { env: runnerEnv(), state: step.state });
    expect(post.code).toBe(0);
    expect(await readFile(join(home, ".aws", "credentials"), "utf8")).toBe("[ci]\naws_access_key_id = MINE\n");
  }, 60_000);
});

describe("role-to-assume: a role assumed with the SSO role's credentials", () => {
  const sso = { "account-id": "111111111111", "role-name": "ReadOnlyAccess" };

  it("exports, writes and outputs the assumed role's credentials; the SSO role's and the assumed role's keys are masked before use", async () => {
    const token = emu.mintToken();
    const before = Date.now();
    const step = await main({
      "sso-token": JSON.stringify(token),
      ...sso,
      "aws-region": "eu-west-1",
      "role-to-assume": "arn:aws:iam::222222222222:role/Developer",
      "role-duration-seconds": "900",
      "profile-name": "ci",
      "output-credentials": "true",
    });
    expect(step.stderr).toBe("");
    expect(step.code).toBe(0);
    expect(emu.stats()).toMatchObject({ GetRoleCredentials: 1, AssumeRole: 1 });

    // STS itself says whose the exported keys are: the assumed role, session GitHubActions (the default name).
    expect(await callerArn(step.env)).toBe("arn:aws:sts::222222222222:assumed-role/Developer/GitHubActions");
    expect(Object.keys(step.env).sort()).toEqual([...EXPORTED].sort());
    expect(step.env.AWS_ACCOUNT_ID).toBe("222222222222");
    expect(step.outputs["aws-account-id"]).toBe("222222222222");
    expect(step.outputs["aws-access-key-id"]).toBe(step.env.AWS_ACCESS_KEY_ID);
    expect(step.outputs["aws-session-token"]).toBe(step.env.AWS_SESSION_TOKEN);
    // role-duration-seconds reached STS: 15 minutes, not the SSO role's hour.
    const expiresIn = Date.parse(step.outputs.expiration!) - before;
    expect(expiresIn).toBeGreaterThan(800_000);
    expect(expiresIn).toBeLessThanOrEqual(901_000);
    expect(step.env.AWS_CREDENTIAL_EXPIRATION).toBe(step.outputs.expiration);
    expect(await readFile(join(home, ".aws", "credentials"), "utf8")).toContain(`aws_secret_access_key = ${step.env.AWS_SECRET_ACCESS_KEY}`);

    // Six credential values masked (the SSO role's three, never exported, and the assumed role's three), each before it appears.
    const masked = maskedValues(step.stdout);
    const keyIds = masked.filter((m) => /^ASIA[A-Z2-7]{16}$/.test(m));
    expect(new Set(keyIds).size).toBe(2);
    expect(keyIds).toContain(step.env.AWS_ACCESS_KEY_ID);
    for (const name of ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) expect(masked).toContain(step.env[name]);
    expect(masked.length).toBeGreaterThanOrEqual(tokenSecrets(token).length + 6);
    expectMaskedBeforeUse(step.stdout, [...new Set(masked)]);
    expect(step.stdout).toMatch(/Exported credentials for role arn:aws:iam::222222222222:role\/Developer \(session arn:aws:sts::222222222222:assumed-role\/Developer\/GitHubActions, assumed with the SSO role ReadOnlyAccess in account 111111111111\)/);

    const post = await runStep("post", { env: runnerEnv(), state: step.state });
    expect(post.code).toBe(0);
    for (const name of EXPORTED) expect(post.env[name], name).toBe("");
    expect(await exists(join(home, ".aws", "credentials"))).toBe(false);
  }, 60_000);

  it("passes role-external-id and role-session-name; with mask-account-id both accounts are masked before they appear", async () => {
    const step = await main({
      "sso-token": JSON.stringify(emu.mintToken()),
      ...sso,
      "aws-region": "us-east-1",
      "role-to-assume": PARTNER_ROLE,
      "role-external-id": "ext-4711",
      "role-session-name": "deploy-42",
      "mask-account-id": "true",
    });
    expect(step.stderr).toBe("");
    expect(step.code).toBe(0);
    expect(await callerArn(step.env)).toBe("arn:aws:sts::444444444444:assumed-role/PartnerAudit/deploy-42");
    expect(step.outputs["aws-account-id"]).toBe("444444444444");
    expectMaskedBeforeUse(step.stdout, ["111111111111", "444444444444", ...new Set(maskedValues(step.stdout))]);
  }, 60_000);

  it("retries a throttled and an unavailable AssumeRole, as the rest of the action retries", async () => {
    emu.failNext("AssumeRole", 1, { status: 400, type: "Throttling", message: "Rate exceeded" });
    emu.failNext("AssumeRole", 1, { status: 503, type: "ServiceUnavailable" });
    const step = await main({ "sso-token": JSON.stringify(emu.mintToken()), ...sso, "aws-region": "us-east-1", "role-to-assume": "arn:aws:iam::222222222222:role/Developer" });
    expect(step.stderr).toBe("");
    expect(step.code).toBe(0);
    expect(emu.stats().AssumeRole).toBe(3);
    expect(await callerArn(step.env)).toBe("arn:aws:sts::222222222222:assumed-role/Developer/GitHubActions");
  }, 60_000);

  it("a refreshed token is output even when AssumeRole is then denied (the refresh token in the secret is spent)", async () => {
    const token = emu.mintToken({ accessTokenTtlSeconds: 60 });
    const step = await main({ "sso-token": JSON.stringify(token), ...sso, "aws-region": "us-east-1", "role-to-assume": "arn:aws:iam::222222222222:role/AdministratorAccess" });
    expect(step.code).toBe(1);
    expect(emu.stats().CreateToken).toBe(1);
    expect(step.stdout).toMatch(/^::error::STS denied AssumeRole/m);
    const rotated = JSON.parse(step.outputs["sso-token"]!) as Token;
    expect(rotated.accessToken).not.toBe(token.accessToken);
    expect(Object.keys(step.outputs)).toEqual(["sso-token"]);
    expect(step.env).toEqual({});
    expectMaskedBeforeUse(step.stdout, [...new Set(maskedValues(step.stdout))]);
  }, 60_000);
});

describe("post step without a main step", () => {
  it("does nothing when the main step failed before exporting anything", async () => {
    const post = await runStep("post", { env: runnerEnv() });
    expect(post.code).toBe(0);
    expect(post.env).toEqual({});
    expect(post.stdout).not.toContain("::error::");
  }, 60_000);
});

describe("bad inputs fail with one clear ::error:: line and no secret in the log", () => {
  const base = { "account-id": "111111111111", "role-name": "ReadOnlyAccess", "aws-region": "us-east-1" };
  // A real sign-in's token: its access token, refresh token and client secret must never reach the log.
  let token: Token;
  beforeEach(() => {
    token = emu.mintToken();
  });

  async function expectFailure(inputs: Record<string, string>, message: RegExp, secrets: string[] = tokenSecrets(token)): Promise<StepResult> {
    const step = await main(inputs);
    expect(step.code).toBe(1);
    const errors = step.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    const log = step.stdout + step.stderr;
    for (const secret of [...secrets, ...maskedValues(step.stdout)]) {
      // A secret may appear only in its own ::add-mask:: line, which the runner never prints.
      expect(log.replaceAll(`::add-mask::${secret}\n`, ""), "a secret leaked").not.toContain(secret);
    }
    expect(Object.keys(step.env)).toEqual([]);
    expect(step.outputs).toEqual({});
    return step;
  }

  function tokenWith(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { ...token, ...overrides };
  }

  it("empty sso-token", async () => {
    await expectFailure({ ...base, "sso-token": "  " }, /sso-token is empty/);
  }, 60_000);

  it("sso-token that is not JSON (cut off half-way)", async () => {
    const text = JSON.stringify(tokenWith()).slice(0, 80);
    await expectFailure({ ...base, "sso-token": text }, /sso-token input is not JSON.*sso login.*~\/\.aws\/sso\/cache/, [...tokenSecrets(token), text]);
  }, 60_000);

  it("a client registration file instead of the token", async () => {
    await expectFailure({ ...base, "sso-token": JSON.stringify({ clientId: token.clientId, clientSecret: token.clientSecret, expiresAt: "2030-01-01T00:00:00Z" }) }, /no accessToken.*registration/);
  }, 60_000);

  it("a token for another start URL than sso-start-url", async () => {
    expect(token.startUrl).toBe(START_URL);
    await expectFailure(
      { ...base, "sso-token": JSON.stringify(tokenWith()), "sso-start-url": "https://d-9999999999.awsapps.com/start" },
      /https:\/\/d-0123456789\.awsapps\.com\/start.*https:\/\/d-9999999999\.awsapps\.com\/start/,
    );
  }, 60_000);

  it("an expired token without a refresh token", async () => {
    const expired = tokenWith({ expiresAt: "2020-01-01T00:00:00Z", refreshToken: undefined, clientSecret: undefined, clientId: undefined });
    await expectFailure({ ...base, "sso-token": JSON.stringify(expired) }, /expired.*sso login.*~\/\.aws\/sso\/cache/);
  }, 60_000);

  it("an expired token whose refresh token the service rejects", async () => {
    const expired = emu.mintToken({ accessTokenTtlSeconds: -60 });
    await spendRefreshToken(emu.url, expired);
    const before = emu.stats().CreateToken ?? 0;
    await expectFailure({ ...base, "sso-token": JSON.stringify(expired) }, /sso login/, tokenSecrets(expired));
    expect(emu.stats().CreateToken).toBe(before + 1);
  }, 60_000);

  it("an account the token cannot reach", async () => {
    await expectFailure({ ...base, "sso-token": JSON.stringify(token), "account-id": "999999999999" }, /999999999999/);
  }, 60_000);

  it("a role the token cannot reach", async () => {
    await expectFailure({ ...base, "sso-token": JSON.stringify(token), "role-name": "NoSuchRole" }, /NoSuchRole/);
  }, 60_000);

  it("role-duration-seconds without role-to-assume, which GetRoleCredentials cannot honour", async () => {
    const step = await main({ ...base, "sso-token": JSON.stringify(token), "role-duration-seconds": "43200" });
    expect(step.code).toBe(1);
    expect(step.stdout).toMatch(/::error::Input role-duration-seconds applies only with role-to-assume\. GetRoleCredentials has no duration parameter/);
    expect(emu.stats().GetRoleCredentials ?? 0).toBe(0);
  }, 60_000);

  it("role-to-assume that STS denies: says which role, and that it must trust the SSO role of role-name in account-id", async () => {
    await expectFailure(
      { ...base, "sso-token": JSON.stringify(token), "role-to-assume": "arn:aws:iam::222222222222:role/AdministratorAccess" },
      /^::error::STS denied AssumeRole of arn:aws:iam::222222222222:role\/AdministratorAccess \(input role-to-assume\) to the SSO role ReadOnlyAccess in account 111111111111 \(IAM role AWSReservedSSO_ReadOnlyAccess_\*\)\. Fix: arn:aws:iam::222222222222:role\/AdministratorAccess must trust that role \(its trust policy must allow sts:AssumeRole by it\).*or correct input role-to-assume\.$/,
    );
    expect(emu.stats()).toMatchObject({ GetRoleCredentials: 1, AssumeRole: 1 });
  }, 60_000);

  it("role-to-assume with the wrong role-external-id: denied, and the fix names role-external-id", async () => {
    await expectFailure({ ...base, "sso-token": JSON.stringify(token), "role-to-assume": PARTNER_ROLE, "role-external-id": "wrong" }, /STS denied AssumeRole of arn:aws:iam::444444444444:role\/PartnerAudit .*role-external-id/);
  }, 60_000);

  it.each(["Developer", "arn:aws:iam::2222:role/Developer", "arn:aws:iam::222222222222:user/alice"])("a malformed role-to-assume (%s) fails before any call", async (arn) => {
    await expectFailure(
      { ...base, "sso-token": JSON.stringify(token), "role-to-assume": arn },
      new RegExp(`^::error::Input role-to-assume is "${arn.replace(/[/.]/g, "\\$&")}", which is not an IAM role ARN\\. Fix: set input role-to-assume to the role's ARN, arn:aws:iam::<12-digit account ID>:role/<role name>\\.$`),
    );
    expect(emu.stats().GetRoleCredentials ?? 0).toBe(0);
    expect(emu.stats().AssumeRole ?? 0).toBe(0);
  }, 60_000);

  it("a role-session-name STS would refuse fails before any call", async () => {
    await expectFailure({ ...base, "sso-token": JSON.stringify(token), "role-to-assume": "arn:aws:iam::222222222222:role/Developer", "role-session-name": "my session" }, /Input role-session-name is "my session"/);
    expect(emu.stats().GetRoleCredentials ?? 0).toBe(0);
  }, 60_000);

  it("role-duration-seconds above role chaining's hour: STS refuses, the message says so", async () => {
    await expectFailure(
      { ...base, "sso-token": JSON.stringify(token), "role-to-assume": "arn:aws:iam::222222222222:role/Developer", "role-duration-seconds": "7200" },
      /STS refused input role-duration-seconds = 7200 for arn:aws:iam::222222222222:role\/Developer: .*1 hour.*Fix: set input role-duration-seconds between 900 and 3600/,
    );
  }, 60_000);

  it("min-credential-duration longer than the assumed role's credentials last", async () => {
    await expectFailure(
      { ...base, "sso-token": JSON.stringify(token), "role-to-assume": "arn:aws:iam::222222222222:role/Developer", "role-duration-seconds": "900", "min-credential-duration": "1800" },
      /The credentials of role arn:aws:iam::222222222222:role\/Developer are valid for \d+ s, less than the 1800 s asked for\. Fix: raise role-duration-seconds/,
    );
  }, 60_000);

  it("min-credential-duration longer than the credentials last", async () => {
    await expectFailure({ ...base, "sso-token": JSON.stringify(token), "min-credential-duration": String(400 * 86400) }, /min-credential-duration|valid for/);
  }, 60_000);
});
