import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  paginateListAccountRoles,
  UnauthorizedException,
} from "@aws-sdk/client-sso";
import {
  AccessDeniedException,
  AuthorizationPendingException,
  CreateTokenCommand,
  ExpiredTokenException,
  InvalidGrantException,
  RegisterClientCommand,
  SlowDownException,
  StartDeviceAuthorizationCommand,
} from "@aws-sdk/client-sso-oidc";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "./startEmulator.js";
import { clients, manualClock, raw, rejection, stsClient } from "./test-support/helpers.js";
import type { Emulator } from "./types.js";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const PARTNER_ROLE = "arn:aws:iam::444444444444:role/PartnerAudit";
const MFA_ROLE = "arn:aws:iam::555555555555:role/BreakGlass";
const MFA_SERIAL = "arn:aws:iam::111111111111:mfa/jane";

describe("the real AWS SDK for JavaScript v3 against the emulator", () => {
  const clock = manualClock();
  let emu: Emulator;
  let c: ReturnType<typeof clients>;
  let client: { clientId: string; clientSecret: string };
  let accessToken: string;
  let refreshToken: string;

  beforeAll(async () => {
    emu = await startEmulator({
      now: clock.now,
      fixtures: {
        assumableRoles: [
          { roleArn: PARTNER_ROLE, externalId: "ext-4711" },
          { roleArn: MFA_ROLE, mfaSerial: MFA_SERIAL, mfaCode: "654321" },
        ],
      },
    });
    c = clients(emu);
  });
  afterAll(() => emu.close());

  const startDevice = () =>
    c.oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: emu.fixtures.startUrl }));
  const poll = (deviceCode: string) => c.oidc.send(new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode }));
  const decide = (userCode: string, decision: "allow" | "deny") =>
    raw(emu, "/device/decision", { method: "POST", body: new URLSearchParams({ user_code: userCode, decision }) });

  it("RegisterClient: a public client with epoch-second timestamps", async () => {
    const out = await c.oidc.send(new RegisterClientCommand({ clientName: "integ-sdk", clientType: "public", scopes: ["sso:account:access"] }));
    expect(out.clientId).toMatch(/^cid-/);
    expect(out.clientSecret).toBeTruthy();
    expect(Math.abs(out.clientIdIssuedAt! - Date.now() / 1000)).toBeLessThan(60);
    expect(out.clientSecretExpiresAt! - out.clientIdIssuedAt!).toBeGreaterThan(80 * 86_400);
    client = { clientId: out.clientId!, clientSecret: out.clientSecret! };
  });

  it("device flow: pending until approved, SlowDown when polled too fast, then a token once", async () => {
    const start = await startDevice();
    expect(start.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(start.verificationUri).toBe(`${emu.url}/device`);
    expect(start.verificationUriComplete).toBe(`${emu.url}/device?user_code=${start.userCode}`);
    expect(start.expiresIn).toBe(600);
    expect(start.interval).toBe(1);

    expect(await rejection(poll(start.deviceCode!))).toBeInstanceOf(AuthorizationPendingException);
    expect(await rejection(poll(start.deviceCode!))).toBeInstanceOf(SlowDownException);
    clock.advance(1000);
    expect(await rejection(poll(start.deviceCode!))).toBeInstanceOf(AuthorizationPendingException);

    expect((await decide(start.userCode!, "allow")).status).toBe(200);
    clock.advance(1000);
    const token = await poll(start.deviceCode!);
    expect(token.tokenType).toBe("Bearer");
    expect(token.expiresIn).toBe(28_800);
    expect(token.accessToken).toBeTruthy();
    expect(token.refreshToken).toBeTruthy();
    accessToken = token.accessToken!;
    refreshToken = token.refreshToken!;

    const again = await rejection(poll(start.deviceCode!));
    expect(again).toBeInstanceOf(InvalidGrantException);
  });

  it("device flow: ExpiredTokenException after expiresIn, AccessDeniedException after a deny that cannot be undone", async () => {
    const late = await startDevice();
    clock.advance(601_000);
    const expired = await rejection(poll(late.deviceCode!));
    expect(expired).toBeInstanceOf(ExpiredTokenException);
    expect(expired.error).toBe("expired_token");
    clock.set(0);

    const denied = await startDevice();
    expect((await decide(denied.userCode!, "deny")).status).toBe(200);
    const e = await rejection(poll(denied.deviceCode!));
    expect(e).toBeInstanceOf(AccessDeniedException);
    expect(e.error).toBe("access_denied");
    // A decision is final: the code is no longer valid on the verification page, and polling stays denied.
    expect((await decide(denied.userCode!, "allow")).status).toBe(400);
    expect(await rejection(poll(denied.deviceCode!))).toBeInstanceOf(AccessDeniedException);
  });

  it("ListAccounts pages across 3 pages with maxResults 1 and never repeats a token", async () => {
    const seen: string[] = [];
    const tokens: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await c.sso.send(new ListAccountsCommand({ accessToken, maxResults: 1, ...(nextToken ? { nextToken } : {}) }));
      expect(page.accountList).toHaveLength(1);
      seen.push(page.accountList![0]!.accountId!);
      if (page.nextToken) {
        expect(page.nextToken).not.toBe(nextToken);
        tokens.push(page.nextToken);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual(["111111111111", "222222222222", "333333333333"]);
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(2);

    // The same page asked twice gets a fresh token (a token is never echoed, whatever the caller does).
    const a = await c.sso.send(new ListAccountsCommand({ accessToken, maxResults: 1 }));
    const b = await c.sso.send(new ListAccountsCommand({ accessToken, maxResults: 1 }));
    expect(a.nextToken).not.toBe(b.nextToken);
    const first = await c.sso.send(new ListAccountsCommand({ accessToken }));
    expect(first.accountList?.map((x) => x.accountName)).toEqual(["Development", "Staging", "Production"]);
    expect(first.nextToken).toBeUndefined();
  });

  it("ListAccountRoles pages through an account's roles", async () => {
    const roles: string[] = [];
    let pages = 0;
    for await (const page of paginateListAccountRoles({ client: c.sso, pageSize: 1 }, { accessToken, accountId: "111111111111" })) {
      pages++;
      for (const r of page.roleList ?? []) {
        expect(r.accountId).toBe("111111111111");
        roles.push(r.roleName!);
      }
    }
    expect(pages).toBe(3);
    expect(roles).toEqual(["AdministratorAccess", "ReadOnlyAccess", "Developer"]);
    const staging = await c.sso.send(new ListAccountRolesCommand({ accessToken, accountId: "222222222222" }));
    expect(staging.roleList?.map((r) => r.roleName)).toEqual(["ReadOnlyAccess", "Developer"]);
  });

  it("GetRoleCredentials (expiration in ms) signs STS GetCallerIdentity and AssumeRole chains", async () => {
    const before = clock.now();
    const { roleCredentials: rc } = await c.sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: "111111111111", roleName: "AdministratorAccess" }));
    expect(rc?.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    // Milliseconds, an hour ahead (seconds would be a 1970 date).
    expect(rc!.expiration! - before).toBeGreaterThanOrEqual(3_600_000 - 1000);
    expect(rc!.expiration! - before).toBeLessThanOrEqual(3_600_000 + 30_000);

    const sts = stsClient(emu, { accessKeyId: rc!.accessKeyId!, secretAccessKey: rc!.secretAccessKey!, sessionToken: rc!.sessionToken! });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe("111111111111");
    expect(who.Arn).toMatch(/^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/jane@example\.com$/);
    expect(who.UserId).toMatch(/^AROA[A-Z2-7]{17}:jane@example\.com$/);

    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::222222222222:role/Developer", RoleSessionName: "integ-chain" }));
    expect(assumed.AssumedRoleUser?.Arn).toBe("arn:aws:sts::222222222222:assumed-role/Developer/integ-chain");
    expect(assumed.Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    const chained = stsClient(emu, { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! });
    const chainedWho = await chained.send(new GetCallerIdentityCommand({}));
    expect(chainedWho.Account).toBe("222222222222");
    expect(chainedWho.Arn).toBe("arn:aws:sts::222222222222:assumed-role/Developer/integ-chain");

    // A role the user has no assignment for, an over-long chained session.
    const notMine = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::222222222222:role/AdministratorAccess", RoleSessionName: "x-y" })));
    expect(notMine.name).toBe("AccessDenied");
    const tooLong = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::222222222222:role/Developer", RoleSessionName: "integ", DurationSeconds: 7200 })));
    expect(tooLong.name).toBe("ValidationError");
    expect(tooLong.message).toMatch(/1 hour session limit/);
  });

  it("AssumeRole of fixture roles checks ExternalId and MFA", async () => {
    const { roleCredentials: rc } = await c.sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: "333333333333", roleName: "ReadOnlyAccess" }));
    const sts = stsClient(emu, { accessKeyId: rc!.accessKeyId!, secretAccessKey: rc!.secretAccessKey!, sessionToken: rc!.sessionToken! });
    expect((await rejection(sts.send(new AssumeRoleCommand({ RoleArn: PARTNER_ROLE, RoleSessionName: "audit" })))).name).toBe("AccessDenied");
    expect((await rejection(sts.send(new AssumeRoleCommand({ RoleArn: PARTNER_ROLE, RoleSessionName: "audit", ExternalId: "wrong" })))).name).toBe("AccessDenied");
    const partner = await sts.send(new AssumeRoleCommand({ RoleArn: PARTNER_ROLE, RoleSessionName: "audit", ExternalId: "ext-4711", DurationSeconds: 900 }));
    expect(partner.AssumedRoleUser?.Arn).toBe("arn:aws:sts::444444444444:assumed-role/PartnerAudit/audit");

    const badMfa = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: MFA_ROLE, RoleSessionName: "bg", SerialNumber: MFA_SERIAL, TokenCode: "123456" })));
    expect(badMfa.name).toBe("AccessDenied");
    expect(badMfa.message).toMatch(/MultiFactorAuthentication failed/);
    const noMfa = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: MFA_ROLE, RoleSessionName: "bg" })));
    expect(noMfa.name).toBe("AccessDenied");
    const mfa = await sts.send(new AssumeRoleCommand({ RoleArn: MFA_ROLE, RoleSessionName: "bg", SerialNumber: MFA_SERIAL, TokenCode: "654321" }));
    const who = await stsClient(emu, { accessKeyId: mfa.Credentials!.AccessKeyId!, secretAccessKey: mfa.Credentials!.SecretAccessKey!, sessionToken: mfa.Credentials!.SessionToken! }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(who.Account).toBe("555555555555");
  });

  it("refresh rotates: each refresh token works once, an old one is InvalidGrantException", async () => {
    const refresh = (rt: string) => c.oidc.send(new CreateTokenCommand({ ...client, grantType: "refresh_token", refreshToken: rt }));
    const first = await refresh(refreshToken);
    expect(first.accessToken).toBeTruthy();
    expect(first.accessToken).not.toBe(accessToken);
    expect(first.refreshToken).toBeTruthy();
    expect(first.refreshToken).not.toBe(refreshToken);
    expect(first.expiresIn).toBe(28_800);
    expect((await c.sso.send(new ListAccountsCommand({ accessToken: first.accessToken! }))).accountList).toHaveLength(3);

    const reused = await rejection(refresh(refreshToken));
    expect(reused).toBeInstanceOf(InvalidGrantException);
    expect(reused.error).toBe("invalid_grant");
    const second = await refresh(first.refreshToken!);
    expect((await rejection(refresh(first.refreshToken!)))).toBeInstanceOf(InvalidGrantException);
    accessToken = second.accessToken!;
    refreshToken = second.refreshToken!;
  });

  it("Logout: the token is then UnauthorizedException and its refresh token is refused", async () => {
    const out = await c.sso.send(new LogoutCommand({ accessToken }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    const e = await rejection(c.sso.send(new ListAccountsCommand({ accessToken })));
    expect(e).toBeInstanceOf(UnauthorizedException);
    expect(e.message).toBe("Session token not found or invalid");
    expect(await rejection(c.sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: "111111111111", roleName: "ReadOnlyAccess" })))).toBeInstanceOf(UnauthorizedException);
    expect(await rejection(c.sso.send(new LogoutCommand({ accessToken })))).toBeInstanceOf(UnauthorizedException);
    const refused = await rejection(c.oidc.send(new CreateTokenCommand({ ...client, grantType: "refresh_token", refreshToken })));
    expect(refused).toBeInstanceOf(InvalidGrantException);
  });

  it("an access token past its expiry is UnauthorizedException", async () => {
    const minted = emu.mintToken({ accessTokenTtlSeconds: 60 });
    expect((await c.sso.send(new ListAccountsCommand({ accessToken: minted.accessToken }))).accountList).toHaveLength(3);
    clock.advance(61_000);
    try {
      expect(await rejection(c.sso.send(new ListAccountsCommand({ accessToken: minted.accessToken })))).toBeInstanceOf(UnauthorizedException);
    } finally {
      clock.set(0);
    }
  });

  it("counts every call per operation", () => {
    const stats = emu.stats();
    expect(stats.RegisterClient).toBe(1);
    expect(stats.StartDeviceAuthorization).toBe(3);
    expect(stats.GetCallerIdentity).toBe(3);
    expect(stats.AssumeRole).toBeGreaterThanOrEqual(8);
  });
});

describe("assumedRoleTtlSeconds", () => {
  it("AssumeRole credentials expire after the set lifetime, whatever DurationSeconds asked; the duration is still checked", async () => {
    const emu = await startEmulator({ assumedRoleTtlSeconds: 5 });
    try {
      const { roleCredentials: rc } = await clients(emu).sso.send(new GetRoleCredentialsCommand({ accessToken: emu.mintToken().accessToken, accountId: "111111111111", roleName: "ReadOnlyAccess" }));
      // GetRoleCredentials keeps its own lifetime.
      expect(rc!.expiration! - Date.now()).toBeGreaterThan(3_500_000);
      const sts = stsClient(emu, { accessKeyId: rc!.accessKeyId!, secretAccessKey: rc!.secretAccessKey!, sessionToken: rc!.sessionToken! });
      const before = Date.now();
      const out = await sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::222222222222:role/Developer", RoleSessionName: "short", DurationSeconds: 900 }));
      const left = out.Credentials!.Expiration!.getTime() - before;
      expect(left).toBeGreaterThan(3_000);
      expect(left).toBeLessThanOrEqual(6_000);
      expect((await rejection(sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::222222222222:role/Developer", RoleSessionName: "short", DurationSeconds: 7200 })))).name).toBe("ValidationError");
    } finally {
      await emu.close();
    }
  });
});
