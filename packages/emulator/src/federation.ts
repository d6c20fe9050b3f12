import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./http.js";
import type { EmulatorState, IssuedCredentials } from "./state.js";

export interface FederationContext {
  state: EmulatorState;
  now: () => number;
}

// AWS sign-in tokens are good for 15 minutes.
const SIGNIN_TOKEN_TTL_MS = 15 * 60_000;

interface SigninToken {
  credentials: IssuedCredentials;
  expiresAt: number;
}

// Per emulator instance, without widening EmulatorState: sign-in tokens live beside it.
const signinTokens = new WeakMap<EmulatorState, Map<string, SigninToken>>();

function escapeHtml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&quot;" })[c]!);
}

function sendText(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(`${message}\n`);
}

/**
 * The AWS federation endpoint (signin.aws.amazon.com/federation): Action=getSigninToken trades session
 * credentials this emulator issued (and that have not expired) for a SigninToken; Action=login with a valid
 * SigninToken answers a console page naming the account and role. Returns the operation name for stats and logs.
 */
export function handleFederation(ctx: FederationContext, _req: IncomingMessage, res: ServerResponse, url: URL): string {
  const action = url.searchParams.get("Action");
  const tokens = signinTokens.get(ctx.state) ?? new Map<string, SigninToken>();
  signinTokens.set(ctx.state, tokens);

  if (action === "getSigninToken") {
    ctx.state.count("GetSigninToken");
    let session: { sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown };
    try {
      session = JSON.parse(url.searchParams.get("Session") ?? "") as typeof session;
    } catch {
      sendText(res, 400, "The Session parameter is not valid JSON.");
      return "GetSigninToken";
    }
    const creds = typeof session?.sessionId === "string" ? ctx.state.credentials.get(session.sessionId) : undefined;
    if (!creds || session.sessionKey !== creds.secretAccessKey || session.sessionToken !== creds.sessionToken) {
      sendText(res, 400, "The session credentials are not valid.");
      return "GetSigninToken";
    }
    if (creds.expiresAt <= ctx.now()) {
      sendText(res, 400, "The session credentials have expired.");
      return "GetSigninToken";
    }
    const duration = url.searchParams.get("SessionDuration");
    if (duration !== null && !(/^\d+$/.test(duration) && Number(duration) >= 900 && Number(duration) <= 43200)) {
      sendText(res, 400, "SessionDuration must be between 900 and 43200 seconds.");
      return "GetSigninToken";
    }
    const signinToken = randomBytes(96).toString("base64url");
    tokens.set(signinToken, { credentials: creds, expiresAt: ctx.now() + SIGNIN_TOKEN_TTL_MS });
    sendJson(res, 200, { SigninToken: signinToken });
    return "GetSigninToken";
  }

  if (action === "login") {
    ctx.state.count("FederationLogin");
    const entry = tokens.get(url.searchParams.get("SigninToken") ?? "");
    // After a reset the credentials are gone, and so is every sign-in token made from them.
    if (!entry || entry.expiresAt <= ctx.now() || ctx.state.credentials.get(entry.credentials.accessKeyId) !== entry.credentials) {
      sendText(res, 400, "The sign-in token is not valid or has expired.");
      return "FederationLogin";
    }
    const destination = url.searchParams.get("Destination") ?? "";
    if (!/^https:\/\//.test(destination)) {
      sendText(res, 400, "Destination must be an https URL.");
      return "FederationLogin";
    }
    const m = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(entry.credentials.assumedRoleArn);
    const account = m?.[1] ?? entry.credentials.accountId;
    const role = m?.[2] ?? "";
    const issuer = url.searchParams.get("Issuer") ?? "";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
      `<!doctype html>\n<html><head><title>AWS Management Console (emulated)</title></head><body>\n` +
        `<h1>AWS Management Console</h1>\n<p id="account">Account: ${escapeHtml(account)}</p>\n<p id="role">Role: ${escapeHtml(role)}</p>\n` +
        `<p id="arn">${escapeHtml(entry.credentials.assumedRoleArn)}</p>\n<p id="destination">${escapeHtml(destination)}</p>\n<p id="issuer">${escapeHtml(issuer)}</p>\n</body></html>\n`,
    );
    return "FederationLogin";
  }

  sendText(res, 400, `Unknown federation Action ${action ?? "(none)"}.`);
  return "Federation";
}
