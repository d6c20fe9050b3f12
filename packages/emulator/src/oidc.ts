import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { baseUrl, sendJson } from "./http.js";
import { sendOidcError } from "./oidcErrors.js";
import { token, type Client, type EmulatorState } from "./state.js";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const GRANT_TYPES = new Set(["authorization_code", "refresh_token", DEVICE_CODE_GRANT]);
const DEVICE_CODE_TTL_S = 600;
const POLL_INTERVAL_S = 1;
// A poll this much earlier than the interval still counts as on time: timers and a loaded machine jitter.
const POLL_TOLERANCE_MS = 250;

export interface OidcContext {
  state: EmulatorState;
  now: () => number;
  autoApprove: boolean;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  /** false: a refresh answers without a new refresh token and the old one stays usable (an OAuth server may). */
  rotateRefreshToken: boolean;
}

type Json = Record<string, unknown>;

export function parseJsonBody(body: string): Json | undefined {
  if (body.trim() === "") return {};
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Json) : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const strList = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined);

/**
 * The same start URL written with or without a trailing slash or `#/`, in any case, with stray spaces: core's rule
 * (`@sso-creds/core` normalizeStartUrl; core's sameStartUrl.spec.ts checks both give the same answers). The emulator
 * cannot import core: core's tests depend on it.
 */
export function sameStartUrl(a: string, b: string): boolean {
  const norm = (u: string) => u.trim().replace(/#\/?$/, "").replace(/\/+$/, "").toLowerCase();
  return norm(a) === norm(b);
}

/** A registered PKCE redirect URI matches a loopback redirect on any port (RFC 8252 §7.3; facts §2.2). */
export function redirectUriAllowed(client: Client, redirectUri: string): boolean {
  let u: URL;
  try {
    u = new URL(redirectUri);
  } catch {
    return false;
  }
  return client.redirectUris.some((registered) => {
    const r = new URL(registered);
    const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(r.hostname);
    return r.protocol === u.protocol && r.hostname === u.hostname && r.pathname === u.pathname && (loopback || r.port === u.port);
  });
}

export function registerClient(ctx: OidcContext, res: ServerResponse, input: Json): void {
  const clientName = str(input.clientName);
  const clientType = str(input.clientType);
  if (!clientName || !clientType) return sendOidcError(res, "InvalidRequestException", "clientName and clientType are required");
  if (clientType !== "public") return sendOidcError(res, "InvalidClientMetadataException", "Only public clients are supported");
  const scopes = input.scopes === undefined ? [] : strList(input.scopes);
  if (!scopes || scopes.some((s) => !/^[A-Za-z0-9:_*.-]+$/.test(s))) return sendOidcError(res, "InvalidScopeException", "Invalid scope requested");
  const grantTypes = input.grantTypes === undefined ? [] : strList(input.grantTypes);
  if (!grantTypes || grantTypes.some((g) => !GRANT_TYPES.has(g))) return sendOidcError(res, "UnsupportedGrantTypeException", "Unsupported grant type");
  const redirectUris = input.redirectUris === undefined ? [] : strList(input.redirectUris);
  if (!redirectUris || redirectUris.some((u) => !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(u))) {
    return sendOidcError(res, "InvalidRedirectUriException", "Redirect URIs must be loopback http URIs");
  }
  if (grantTypes.includes("authorization_code") && redirectUris.length === 0) {
    return sendOidcError(res, "InvalidRedirectUriException", "The authorization_code grant needs at least one redirect URI");
  }
  const issuerUrl = str(input.issuerUrl);
  if (issuerUrl && !sameStartUrl(issuerUrl, ctx.state.fixtures.startUrl)) return sendOidcError(res, "InvalidRequestException", "Invalid issuerUrl");
  const now = ctx.now();
  const client = ctx.state.registerClient({ clientName, scopes, grantTypes, redirectUris, ...(issuerUrl ? { issuerUrl } : {}) }, now);
  sendJson(res, 200, {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: Math.floor(now / 1000),
    clientSecretExpiresAt: Math.floor(client.expiresAt / 1000),
  });
}

/** The client named by clientId whose secret matches, or an InvalidClientException already sent. */
function authenticateClient(ctx: OidcContext, res: ServerResponse, input: Json): Client | undefined {
  const client = ctx.state.clients.get(str(input.clientId) ?? "");
  const secret = str(input.clientSecret) ?? "";
  if (!client || !equalSecrets(client.clientSecret, secret)) {
    sendOidcError(res, "InvalidClientException", "Invalid client provided");
    return undefined;
  }
  if (client.expiresAt <= ctx.now()) {
    sendOidcError(res, "InvalidClientException", "Client registration has expired");
    return undefined;
  }
  return client;
}

function equalSecrets(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function startDeviceAuthorization(ctx: OidcContext, req: IncomingMessage, res: ServerResponse, input: Json): void {
  if (!str(input.clientId) || !str(input.clientSecret) || !str(input.startUrl)) {
    return sendOidcError(res, "InvalidRequestException", "clientId, clientSecret and startUrl are required");
  }
  const client = authenticateClient(ctx, res, input);
  if (!client) return;
  if (!sameStartUrl(str(input.startUrl)!, ctx.state.fixtures.startUrl)) return sendOidcError(res, "InvalidRequestException", "Invalid start URL");
  const deviceCode = token(48);
  const userCode = ctx.state.newUserCode();
  ctx.state.deviceAuthorizations.set(deviceCode, {
    deviceCode,
    userCode,
    clientId: client.clientId,
    startUrl: str(input.startUrl)!,
    expiresAt: ctx.now() + DEVICE_CODE_TTL_S * 1000,
    intervalSeconds: POLL_INTERVAL_S,
    ...(ctx.autoApprove ? { decision: "approved" as const } : {}),
    redeemed: false,
  });
  const verificationUri = `${baseUrl(req)}/device`;
  sendJson(res, 200, {
    deviceCode,
    userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
    expiresIn: DEVICE_CODE_TTL_S,
    interval: POLL_INTERVAL_S,
  });
}

export function createToken(ctx: OidcContext, res: ServerResponse, input: Json): void {
  const grantType = str(input.grantType);
  if (!str(input.clientId) || !str(input.clientSecret) || !grantType) return sendOidcError(res, "InvalidRequestException", "clientId, clientSecret and grantType are required");
  const client = authenticateClient(ctx, res, input);
  if (!client) return;
  if (grantType === DEVICE_CODE_GRANT) return deviceCodeGrant(ctx, res, client, input);
  if (grantType === "refresh_token") return refreshTokenGrant(ctx, res, client, input);
  if (grantType === "authorization_code") return authorizationCodeGrant(ctx, res, client, input);
  sendOidcError(res, "UnsupportedGrantTypeException", `Unsupported grant type: ${grantType.slice(0, 80)}`);
}

function deviceCodeGrant(ctx: OidcContext, res: ServerResponse, client: Client, input: Json): void {
  const auth = ctx.state.deviceAuthorizations.get(str(input.deviceCode) ?? "");
  if (!auth || auth.clientId !== client.clientId) return sendOidcError(res, "InvalidGrantException", "Invalid device code provided");
  const now = ctx.now();
  if (auth.expiresAt <= now) return sendOidcError(res, "ExpiredTokenException", "Device code has expired");
  if (auth.redeemed) return sendOidcError(res, "InvalidGrantException", "Device code has already been used");
  if (auth.decision === "denied") return sendOidcError(res, "AccessDeniedException", "The user denied the authorization request");
  if (auth.decision !== "approved") {
    const tooSoon = auth.lastPollAt !== undefined && now - auth.lastPollAt < auth.intervalSeconds * 1000 - POLL_TOLERANCE_MS;
    auth.lastPollAt = now;
    if (tooSoon) return sendOidcError(res, "SlowDownException", "Client is polling too quickly");
    return sendOidcError(res, "AuthorizationPendingException", "Authorization is still pending");
  }
  auth.redeemed = true;
  issue(ctx, res, client, auth.startUrl);
}

function authorizationCodeGrant(ctx: OidcContext, res: ServerResponse, client: Client, input: Json): void {
  if (!client.grantTypes.includes("authorization_code")) return sendOidcError(res, "UnauthorizedClientException", "Client is not registered for the authorization_code grant");
  const code = ctx.state.authorizationCodes.get(str(input.code) ?? "");
  if (!code || code.clientId !== client.clientId || code.redeemed) return sendOidcError(res, "InvalidGrantException", "Invalid authorization code provided");
  if (code.expiresAt <= ctx.now()) return sendOidcError(res, "ExpiredTokenException", "Authorization code has expired");
  if (str(input.redirectUri) !== code.redirectUri) return sendOidcError(res, "InvalidGrantException", "redirectUri does not match the authorization request");
  const verifier = str(input.codeVerifier) ?? "";
  // S256 against the unpadded base64url challenge the CLI sends (facts §2.8).
  if (createHash("sha256").update(verifier).digest("base64url") !== code.codeChallenge) return sendOidcError(res, "InvalidGrantException", "Invalid code verifier");
  code.redeemed = true;
  issue(ctx, res, client, ctx.state.fixtures.startUrl);
}

function refreshTokenGrant(ctx: OidcContext, res: ServerResponse, client: Client, input: Json): void {
  const refreshToken = str(input.refreshToken) ?? "";
  const record = ctx.state.refreshTokens.get(refreshToken);
  const session = record && ctx.state.sessions.get(record.sessionId);
  if (!record || !session || record.clientId !== client.clientId) return sendOidcError(res, "InvalidGrantException", "Invalid refresh token provided");
  // Rotation: a refresh token works once; the old one is refused from then on, as the real service does.
  if (record.used || session.ended) return sendOidcError(res, "InvalidGrantException", "Invalid refresh token provided");
  if (session.expiresAt <= ctx.now()) return sendOidcError(res, "InvalidGrantException", "Refresh token has expired");
  record.used = ctx.rotateRefreshToken;
  const tokens = ctx.state.issueTokens(session, ctx.now(), ctx.accessTokenTtlMs, ctx.rotateRefreshToken);
  sendJson(res, 200, {
    accessToken: tokens.accessToken,
    tokenType: "Bearer",
    expiresIn: Math.round(ctx.accessTokenTtlMs / 1000),
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
  });
}

function issue(ctx: OidcContext, res: ServerResponse, client: Client, startUrl: string): void {
  const now = ctx.now();
  const session = ctx.state.startSession(startUrl, client.clientId, now, ctx.refreshTokenTtlMs);
  // Refresh tokens go to clients registered with scopes (sso-session logins), not to legacy scope-less ones.
  const withRefresh = client.scopes.length > 0 || client.grantTypes.includes("refresh_token");
  const tokens = ctx.state.issueTokens(session, now, ctx.accessTokenTtlMs, withRefresh);
  sendJson(res, 200, {
    accessToken: tokens.accessToken,
    tokenType: "Bearer",
    expiresIn: Math.round(ctx.accessTokenTtlMs / 1000),
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
  });
}
