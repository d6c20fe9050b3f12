import { startEmulator, type Emulator } from "@sso-creds/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultDeps } from "../deps.js";
import { ConfigError, CredentialsError, ServiceError } from "../errors.js";
import type { RoleCredentials } from "../types.js";
import { assumeRoleArn, checkRoleArn, checkRoleDurationSeconds, parseRoleArn, type AssumeRoleArnRequest } from "./assumeRoleArn.js";

const PARTNER = "arn:aws:iam::444444444444:role/PartnerAudit";
const NAMES = { roleArn: "input role-to-assume", roleSessionName: "input role-session-name", externalId: "input role-external-id", durationSeconds: "input role-duration-seconds" };
const SOURCE = "the SSO role ReadOnlyAccess in account 111111111111";

describe("parseRoleArn / checkRoleArn", () => {
  it.each([
    ["arn:aws:iam::222222222222:role/Developer", { accountId: "222222222222", roleName: "Developer" }],
    ["arn:aws:iam::222222222222:role/service-role/ci/Deployer", { accountId: "222222222222", roleName: "Deployer" }],
    ["arn:aws-us-gov:iam::222222222222:role/Developer", { accountId: "222222222222", roleName: "Developer" }],
    ["arn:aws-cn:iam::222222222222:role/a+b=c,d.e@f_g-h", { accountId: "222222222222", roleName: "a+b=c,d.e@f_g-h" }],
  ])("%s is a role ARN", (arn, parsed) => {
    expect(parseRoleArn(arn)).toEqual(parsed);
  });

  it.each([
    "Developer",
    "arn:aws:iam::2222:role/Developer",
    "arn:aws:iam::222222222222:user/alice",
    "arn:aws:sts::222222222222:assumed-role/Developer/x",
    "arn:aws:iam::222222222222:role/",
    " arn:aws:iam::222222222222:role/Developer",
    "arn:aws:iam::222222222222:role/Dev eloper",
  ])("%j is not: a ConfigError naming the setting", (arn) => {
    expect(parseRoleArn(arn)).toBeUndefined();
    const err = (() => {
      try {
        checkRoleArn(arn, "input role-to-assume");
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.code).toBe("InvalidRoleArn");
    expect(err.message).toBe(`Input role-to-assume is "${arn}", which is not an IAM role ARN.`);
    expect(err.fix).toContain("arn:aws:iam::<12-digit account ID>:role/<role name>");
  });
});

describe("checkRoleDurationSeconds", () => {
  it("takes whole seconds from 900 to 43200 and names the setting otherwise", () => {
    expect(checkRoleDurationSeconds("900", "X")).toBe(900);
    expect(checkRoleDurationSeconds("43200", "X")).toBe(43_200);
    for (const bad of ["899", "43201", "1h", "3600.5", "-900", ""]) {
      expect(() => checkRoleDurationSeconds(bad, "input role-duration-seconds"), bad).toThrow(
        new RegExp(`^Input role-duration-seconds is "${bad.replace(".", "\\.")}", not a whole number of seconds from 900 to 43200\\.$`),
      );
    }
  });
});

describe("assumeRoleArn against the emulator's STS", { timeout: 60_000 }, () => {
  let emu: Emulator;
  let sso: RoleCredentials;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, autoApprove: true, fixtures: { assumableRoles: [{ roleArn: PARTNER, externalId: "ext-4711" }] } });
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    emu.reset();
    // The SSO role's credentials, as GetRoleCredentials hands them out.
    const res = await fetch(`${emu.url}/federation/credentials?account_id=111111111111&role_name=ReadOnlyAccess`, {
      headers: { "x-amz-sso_bearer_token": emu.mintToken().accessToken },
    });
    const { roleCredentials: rc } = (await res.json()) as { roleCredentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: number } };
    sso = { ...rc, accountId: "111111111111" };
  });

  const request = (overrides: Partial<AssumeRoleArnRequest> = {}): AssumeRoleArnRequest => ({
    roleArn: "arn:aws:iam::222222222222:role/Developer",
    sourceCredentials: sso,
    source: SOURCE,
    roleSessionName: "GitHubActions",
    stsEndpoint: emu.url,
    region: "us-east-1",
    names: NAMES,
    ...overrides,
  });

  async function callerArn(creds: RoleCredentials): Promise<string> {
    const { STSClient, GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
    const sts = new STSClient({ region: "us-east-1", endpoint: emu.url, credentials: { ...creds, expiration: new Date(creds.expiration) } });
    try {
      return (await sts.send(new GetCallerIdentityCommand({}))).Arn!;
    } finally {
      sts.destroy();
    }
  }

  async function failure(req: AssumeRoleArnRequest): Promise<Error & { code: string; fix?: string }> {
    try {
      await assumeRoleArn(defaultDeps({ env: {} }), req);
    } catch (e) {
      return e as Error & { code: string; fix?: string };
    }
    throw new Error("expected assumeRoleArn to fail");
  }

  it("assumes the role with the source credentials: the role's account, its session name, the asked duration", async () => {
    const before = Date.now();
    const out = await assumeRoleArn(defaultDeps({ env: {} }), request({ durationSeconds: 900 }));
    expect(out.assumedRoleArn).toBe("arn:aws:sts::222222222222:assumed-role/Developer/GitHubActions");
    expect(out.credentials.accountId).toBe("222222222222");
    expect(out.credentials.accessKeyId).not.toBe(sso.accessKeyId);
    expect(out.credentials.expiration - before).toBeGreaterThan(800_000);
    expect(out.credentials.expiration - before).toBeLessThanOrEqual(901_000);
    expect(Object.keys(out.credentials).sort()).toEqual(["accessKeyId", "accountId", "expiration", "secretAccessKey", "sessionToken"]);
    expect(await callerArn(out.credentials)).toBe("arn:aws:sts::222222222222:assumed-role/Developer/GitHubActions");
    expect(emu.stats().AssumeRole).toBe(1);
  });

  it("passes the external ID; without it, or a wrong one, STS denies and the message names the role, the source and the settings", async () => {
    const out = await assumeRoleArn(defaultDeps({ env: {} }), request({ roleArn: PARTNER, externalId: "ext-4711", roleSessionName: "audit-1" }));
    expect(await callerArn(out.credentials)).toBe("arn:aws:sts::444444444444:assumed-role/PartnerAudit/audit-1");

    const wrong = await failure(request({ roleArn: PARTNER, externalId: "nope" }));
    expect(wrong).toBeInstanceOf(CredentialsError);
    expect(wrong.code).toBe("AssumeRoleDenied");
    expect(wrong.message).toBe(`STS denied AssumeRole of ${PARTNER} (input role-to-assume) to ${SOURCE}.`);
    expect(wrong.fix).toMatch(new RegExp(`^${PARTNER.replace(/[/.]/g, "\\$&")} must trust that role \\(its trust policy must allow sts:AssumeRole by it with the external ID given in input role-external-id\\)`));
    expect(wrong.fix).toContain("input role-external-id");
    const none = await failure(request({ roleArn: PARTNER }));
    expect(none.code).toBe("AssumeRoleDenied");
    expect(none.fix).not.toContain("role-external-id");
  });

  it("a role the source may not assume is denied", async () => {
    const err = await failure(request({ roleArn: "arn:aws:iam::222222222222:role/AdministratorAccess" }));
    expect(err.code).toBe("AssumeRoleDenied");
    expect(err.message).toContain("arn:aws:iam::222222222222:role/AdministratorAccess");
    expect(err.message).toContain(SOURCE);
  });

  it("a malformed ARN or session name fails before any call", async () => {
    expect((await failure(request({ roleArn: "Developer" }))).code).toBe("InvalidRoleArn");
    const name = await failure(request({ roleSessionName: "my session" }));
    expect(name).toBeInstanceOf(ConfigError);
    expect(name.code).toBe("InvalidRoleSessionName");
    expect(name.message).toMatch(/^Input role-session-name is "my session"; a role session name is 2 to 64/);
    expect(emu.stats().AssumeRole ?? 0).toBe(0);
  });

  it("a duration above role chaining's hour is a ConfigError naming the setting", async () => {
    const err = await failure(request({ durationSeconds: 7200 }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/^STS refused input role-duration-seconds = 7200 for arn:aws:iam::222222222222:role\/Developer: .*1 hour/);
    expect(err.fix).toMatch(/between 900 and 3600/);
  });

  it("retries throttling and 5xx (the SDK's 3 attempts); a fault that outlasts them is a ServiceError", async () => {
    emu.failNext("AssumeRole", 1, { status: 400, type: "Throttling", message: "Rate exceeded" });
    emu.failNext("AssumeRole", 1, { status: 503, type: "ServiceUnavailable" });
    const out = await assumeRoleArn(defaultDeps({ env: {} }), request());
    expect(out.credentials.accountId).toBe("222222222222");
    expect(emu.stats().AssumeRole).toBe(3);

    emu.failNext("AssumeRole", 3, { status: 400, type: "Throttling", message: "Rate exceeded" });
    const err = await failure(request());
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.code).toBe("Throttled");
    expect(err.message).toContain("arn:aws:iam::222222222222:role/Developer");
  });

  it("source credentials STS does not know: SourceCredentialsRejected naming the source", async () => {
    const err = await failure(request({ sourceCredentials: { ...sso, accessKeyId: "ASIAAAAAAAAAAAAAAAAA" } }));
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.code).toBe("SourceCredentialsRejected");
    expect(err.message).toContain(SOURCE);
  });
});
