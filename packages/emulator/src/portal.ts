import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./http.js";
import type { EmulatorState, IssuedCredentials, SignInSession } from "./state.js";

export interface PortalContext {
  state: EmulatorState;
  now: () => number;
  roleCredentialTtlMs: number;
}

const DEFAULT_PAGE_SIZE = 20;

/** Portal errors as facts §1.5 recommends: type in x-amzn-errortype, `{"message"}` body. */
export function sendPortalError(res: ServerResponse, status: number, type: string, message: string): void {
  sendJson(res, status, { message }, type);
}

/** The sign-in session behind the bearer token, or an UnauthorizedException already sent. */
function authenticate(ctx: PortalContext, req: IncomingMessage, res: ServerResponse): SignInSession | undefined {
  const header = req.headers["x-amz-sso_bearer_token"];
  const checked = ctx.state.checkAccessToken(typeof header === "string" ? header : undefined, ctx.now());
  if (typeof checked === "string") {
    sendPortalError(res, 401, "UnauthorizedException", "Session token not found or invalid");
    return undefined;
  }
  return checked;
}

/** `max_result` is 1..100; `next_token` must be one this emulator issued for the same listing. */
function page<T>(res: ServerResponse, url: URL, items: T[], listing: string): { slice: T[]; nextToken?: string } | undefined {
  const max = url.searchParams.get("max_result");
  const size = max === null ? DEFAULT_PAGE_SIZE : Number(max);
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    sendPortalError(res, 400, "InvalidRequestException", "max_result must be an integer from 1 to 100");
    return undefined;
  }
  let offset = 0;
  const next = url.searchParams.get("next_token");
  if (next !== null && next !== "") {
    const decoded = decodeNextToken(next);
    if (!decoded || decoded.listing !== listing) {
      sendPortalError(res, 400, "InvalidRequestException", "Invalid next_token");
      return undefined;
    }
    offset = decoded.offset;
  }
  const slice = items.slice(offset, offset + size);
  const end = offset + slice.length;
  // Every token is new (a random part), so no page ever echoes the token it was given (botocore would stop, facts §1.4).
  return end < items.length ? { slice, nextToken: encodeNextToken(listing, end) } : { slice };
}

function encodeNextToken(listing: string, offset: number): string {
  return Buffer.from(JSON.stringify({ l: listing, o: offset, r: randomBytes(6).toString("hex") })).toString("base64url");
}

function decodeNextToken(s: string): { listing: string; offset: number } | undefined {
  try {
    const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as { l?: unknown; o?: unknown };
    return typeof v.l === "string" && Number.isInteger(v.o) && (v.o as number) >= 0 ? { listing: v.l, offset: v.o as number } : undefined;
  } catch {
    return undefined;
  }
}

export function listAccounts(ctx: PortalContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (!authenticate(ctx, req, res)) return;
  const accounts = ctx.state.fixtures.accounts.map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, emailAddress }));
  const p = page(res, url, accounts, "accounts");
  if (p) sendJson(res, 200, { accountList: p.slice, ...(p.nextToken ? { nextToken: p.nextToken } : {}) });
}

export function listAccountRoles(ctx: PortalContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (!authenticate(ctx, req, res)) return;
  const accountId = url.searchParams.get("account_id");
  if (!accountId) return sendPortalError(res, 400, "InvalidRequestException", "account_id is required");
  const account = ctx.state.fixtures.accounts.find((a) => a.accountId === accountId);
  if (!account) return sendPortalError(res, 403, "ForbiddenException", "No access");
  const p = page(res, url, account.roles.map((roleName) => ({ roleName, accountId })), `roles:${accountId}`);
  if (p) sendJson(res, 200, { roleList: p.slice, ...(p.nextToken ? { nextToken: p.nextToken } : {}) });
}

export function getRoleCredentials(ctx: PortalContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const session = authenticate(ctx, req, res);
  if (!session) return;
  const roleName = url.searchParams.get("role_name");
  const accountId = url.searchParams.get("account_id");
  if (!roleName || !accountId) return sendPortalError(res, 400, "InvalidRequestException", "role_name and account_id are required");
  const account = ctx.state.fixtures.accounts.find((a) => a.accountId === accountId);
  // What the real portal answers for a role that is not assigned to the user.
  if (!account?.roles.includes(roleName)) return sendPortalError(res, 403, "ForbiddenException", "No access");
  const user = ctx.state.fixtures.user.userName;
  const suffix = createHash("sha256").update(`${accountId}/${roleName}`).digest("hex").slice(0, 16);
  const creds = issueCredentials(ctx.state, {
    accountId,
    expiresAt: ctx.now() + ctx.roleCredentialTtlMs,
    assumedRoleArn: `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_${suffix}/${user}`,
    assumedRoleId: `AROA${randomId(17)}:${user}`,
  });
  sendJson(res, 200, {
    roleCredentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken, expiration: creds.expiresAt },
  });
}

export function logout(ctx: PortalContext, req: IncomingMessage, res: ServerResponse): void {
  const session = authenticate(ctx, req, res);
  if (!session) return;
  ctx.state.endSession(session.id);
  sendJson(res, 200, undefined);
}

/** Temporary credentials as STS shapes them: ASIA key id, 40-character secret, long session token. */
export function issueCredentials(state: EmulatorState, who: Omit<IssuedCredentials, "accessKeyId" | "secretAccessKey" | "sessionToken">): IssuedCredentials {
  const creds: IssuedCredentials = {
    ...who,
    accessKeyId: `ASIA${randomId(16)}`,
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(180).toString("base64")}`,
  };
  state.credentials.set(creds.accessKeyId, creds);
  return creds;
}

function randomId(n: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return Array.from(randomBytes(n), (b) => alphabet[b % 32]).join("");
}
