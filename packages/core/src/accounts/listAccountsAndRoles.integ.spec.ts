import { startEmulator, type Emulator } from "@sso-creds/emulator";
import { afterEach, expect, it } from "vitest";
import { ServiceError, TokenError } from "../errors.js";
import { login } from "../login/login.js";
import { testSession } from "../test-support/fixtures.js";
import { createTempHome, type TempHome } from "../test-support/tempHome.js";
import { listAccountsAndRoles } from "./listAccountsAndRoles.js";
import { PortalRateLimiter, type PortalRateStats } from "./portalRateLimiter.js";

let h: TempHome | undefined;
let emu: Emulator | undefined;
const session = testSession("my-sso");
afterEach(async () => {
  await h?.cleanup();
  await emu?.close();
  h = emu = undefined;
});

function org(n: number, roles = ["AdministratorAccess", "ReadOnlyAccess", "Billing"]) {
  return Array.from({ length: n }, (_, i) => ({ accountId: String(200000000000 + i), accountName: `acct-${String(i).padStart(3, "0")}`, emailAddress: `a${i}@example.com`, roles }));
}

async function loggedIn(options: Parameters<typeof startEmulator>[0]): Promise<{ emu: Emulator; h: TempHome }> {
  emu = await startEmulator({ port: 0, autoApprove: true, ...options });
  h = await createTempHome();
  await login(h.deps, session, { flow: "device", oidcEndpoint: emu.url });
  return { emu, h };
}

it("lists every account and its roles from the emulator's fixtures", async () => {
  const { emu, h } = await loggedIn({});
  const all = await listAccountsAndRoles(h.deps, session, { ssoEndpoint: emu.url, oidcEndpoint: emu.url });
  expect(all.map((a) => a.accountId).sort()).toEqual(["111111111111", "222222222222", "333333333333"]);
  expect(all.find((a) => a.accountId === "111111111111")).toMatchObject({ accountName: "Development" });
  for (const a of all) expect(a.roles.length).toBeGreaterThanOrEqual(2);
}, 30_000);

it("throttling recovery: a limit below the client's ceiling is found (few throttles, every account listed, in about the floor's time)", async () => {
  // Time-compressed: the service allows 15/s, the client starts at 40/s and must find it.
  const { emu, h } = await loggedIn({ throttleRps: 15, fixtures: { accounts: org(60) } });
  let stats: PortalRateStats | undefined;
  const started = Date.now();
  const all = await listAccountsAndRoles(h.deps, session, {
    ssoEndpoint: emu.url,
    oidcEndpoint: emu.url,
    rateLimiter: new PortalRateLimiter({ maxRps: 40 }),
    onStats: (s) => (stats = s),
  });
  const seconds = (Date.now() - started) / 1000;
  expect(all).toHaveLength(60);
  expect(all.every((a) => a.roles.length === 3)).toBe(true);
  const { throttled } = emu.interference();
  expect(stats!.cuts).toBeGreaterThan(0);
  expect(stats!.throttled).toBe(throttled.ListAccountRoles ?? 0);
  // The old client (bursts, then fixed backoff) had a throttle for about every second call at this ratio.
  expect(stats!.throttled).toBeLessThan(0.25 * stats!.sent);
  expect(emu.stats().ListAccountRoles).toBe(60 + stats!.throttled);
  // Floor: 60 calls at 15/s = 4 s (+ the ListAccounts page); generous for a loaded machine.
  expect(seconds).toBeLessThan(12);
}, 60_000);

it("a call throttled again and again is retried while the listing progresses, far past any fixed retry budget", async () => {
  const { emu, h } = await loggedIn({ fixtures: { accounts: org(12) } });
  // The old client gave up after 6 retries.
  emu.failNext("ListAccountRoles", 12, { status: 429, type: "TooManyRequestsException", message: "Too many requests" }, { after: 3 });
  const all = await listAccountsAndRoles(h.deps, session, { ssoEndpoint: emu.url, oidcEndpoint: emu.url, rateLimiter: new PortalRateLimiter({ maxRps: 200 }), concurrency: 2 });
  expect(all).toHaveLength(12);
  expect(emu.interference().throttled).toEqual({});
  expect(emu.stats().ListAccountRoles).toBe(12 + 12);
}, 60_000);

it("a listing stalled by throttling fails, says how far it got and returns nothing", async () => {
  const { emu, h } = await loggedIn({ fixtures: { accounts: org(10) } });
  emu.failNext("ListAccountRoles", 10_000, { status: 429, type: "TooManyRequestsException", message: "Too many requests" }, { after: 4 });
  const stalled = await listAccountsAndRoles(h.deps, session, {
    ssoEndpoint: emu.url,
    oidcEndpoint: emu.url,
    rateLimiter: new PortalRateLimiter({ maxRps: 200, stallMs: 1500 }),
    concurrency: 1,
  }).catch((e: unknown) => e);
  expect(stalled).toBeInstanceOf(ServiceError);
  expect((stalled as Error).message).toBe("SSO ListAccountRoles call failed (TooManyRequestsException: Too many requests) (stopped after the roles of 4 of 10 accounts).");
}, 60_000);

it("a listing whose token expires midway fails at once with the login command and how far it got", async () => {
  const { emu, h } = await loggedIn({ fixtures: { accounts: org(10) } });
  emu.failNext("ListAccountRoles", 1, { status: 401, type: "UnauthorizedException", message: "Session token not found or invalid" }, { after: 7 });
  const expired = await listAccountsAndRoles(h.deps, session, { ssoEndpoint: emu.url, oidcEndpoint: emu.url, concurrency: 1, rateLimiter: new PortalRateLimiter({ maxRps: 200 }) }).catch(
    (e: unknown) => e,
  );
  expect(expired).toBeInstanceOf(TokenError);
  expect((expired as TokenError).message).toContain("(stopped after the roles of 7 of 10 accounts).");
  expect((expired as TokenError).fix).toBe("sso login --sso-session my-sso");
}, 60_000);

it("with 30 % of calls answered 500/503/reset, every account is listed", async () => {
  const { emu, h } = await loggedIn({ fixtures: { accounts: org(40) }, faults: { rate: 0.3, kinds: ["500", "503", "reset"], seed: 7 } });
  let stats: PortalRateStats | undefined;
  const all = await listAccountsAndRoles(h.deps, session, { ssoEndpoint: emu.url, oidcEndpoint: emu.url, rateLimiter: new PortalRateLimiter({ maxRps: 200 }), onStats: (s) => (stats = s) });
  expect(all).toHaveLength(40);
  const faulted = Object.values(emu.interference().faulted).reduce((a, b) => a + b, 0);
  expect(faulted).toBeGreaterThan(5);
  expect(stats!.transientRetries).toBeGreaterThan(5);
  expect(stats!.cuts).toBe(0);
}, 60_000);

it("an account filter saves the ListAccountRoles calls of the accounts it drops", async () => {
  const { emu, h } = await loggedIn({ fixtures: { accounts: org(30) } });
  const some = await listAccountsAndRoles(h.deps, session, {
    ssoEndpoint: emu.url,
    oidcEndpoint: emu.url,
    rateLimiter: new PortalRateLimiter({ maxRps: 200 }),
    accountFilter: (a) => a.accountName!.endsWith("7"),
  });
  expect(some.map((a) => a.accountName)).toEqual(["acct-007", "acct-017", "acct-027"]);
  expect(emu.stats().ListAccountRoles).toBe(3);
}, 30_000);
