import { randomBytes, randomInt } from "node:crypto";
import type { Fixtures } from "./types.js";

export interface Client {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  grantTypes: string[];
  redirectUris: string[];
  issuerUrl?: string;
  /** epoch ms */
  expiresAt: number;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  expiresAt: number;
  intervalSeconds: number;
  lastPollAt?: number;
  decision?: "approved" | "denied";
  redeemed: boolean;
}

export interface PendingAuthorize {
  requestId: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes: string[];
  expiresAt: number;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  expiresAt: number;
  redeemed: boolean;
}

/** One sign-in of the fixture user: access and refresh tokens belong to it, Logout ends it. */
export interface SignInSession {
  id: string;
  startUrl: string;
  clientId: string;
  /** epoch ms; refresh tokens stop working after it */
  expiresAt: number;
  ended: boolean;
}

export interface AccessToken {
  sessionId: string;
  expiresAt: number;
}

export interface RefreshToken {
  sessionId: string;
  clientId: string;
  used: boolean;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
  accountId: string;
  /** arn:aws:sts::<account>:assumed-role/<role>/<session> */
  assumedRoleArn: string;
  assumedRoleId: string;
}

/** Everything the emulated service remembers. Tokens are random and opaque, like the real ones. */
export class EmulatorState {
  clients = new Map<string, Client>();
  deviceAuthorizations = new Map<string, DeviceAuthorization>();
  pendingAuthorizes = new Map<string, PendingAuthorize>();
  authorizationCodes = new Map<string, AuthorizationCode>();
  sessions = new Map<string, SignInSession>();
  accessTokens = new Map<string, AccessToken>();
  refreshTokens = new Map<string, RefreshToken>();
  credentials = new Map<string, IssuedCredentials>();
  counts: Record<string, number> = {};
  /** Calls per operation answered with TooManyRequests (or the service's throttling error), and with an injected fault. */
  throttled: Record<string, number> = {};
  faulted: Record<string, number> = {};

  constructor(readonly fixtures: Fixtures) {}

  count(operation: string): void {
    this.counts[operation] = (this.counts[operation] ?? 0) + 1;
  }

  clear(): void {
    for (const map of [this.clients, this.deviceAuthorizations, this.pendingAuthorizes, this.authorizationCodes, this.sessions, this.accessTokens, this.refreshTokens, this.credentials]) map.clear();
    this.counts = {};
    this.throttled = {};
    this.faulted = {};
  }

  registerClient(input: Omit<Client, "clientId" | "clientSecret" | "expiresAt">, now: number): Client {
    const client: Client = { ...input, clientId: `cid-${token(16)}`, clientSecret: `cs-${token(48)}`, expiresAt: now + 90 * 86_400_000 };
    this.clients.set(client.clientId, client);
    return client;
  }

  startSession(startUrl: string, clientId: string, now: number, refreshTtlMs: number): SignInSession {
    const session: SignInSession = { id: token(8), startUrl, clientId, expiresAt: now + refreshTtlMs, ended: false };
    this.sessions.set(session.id, session);
    return session;
  }

  issueTokens(session: SignInSession, now: number, accessTtlMs: number, withRefreshToken: boolean): { accessToken: string; expiresAt: number; refreshToken?: string } {
    const accessToken = `aoa${token(96)}`;
    const expiresAt = now + accessTtlMs;
    this.accessTokens.set(accessToken, { sessionId: session.id, expiresAt });
    if (!withRefreshToken) return { accessToken, expiresAt };
    const refreshToken = `aor${token(96)}`;
    this.refreshTokens.set(refreshToken, { sessionId: session.id, clientId: session.clientId, used: false });
    return { accessToken, expiresAt, refreshToken };
  }

  /** The session of a usable access token, or why not. */
  checkAccessToken(accessToken: string | undefined, now: number): SignInSession | "missing" | "invalid" | "expired" {
    if (!accessToken) return "missing";
    const t = this.accessTokens.get(accessToken);
    const session = t && this.sessions.get(t.sessionId);
    if (!t || !session || session.ended) return "invalid";
    if (t.expiresAt <= now) return "expired";
    return session;
  }

  endSession(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (session) session.ended = true;
  }

  newUserCode(): string {
    // The real service's alphabet: no vowels or look-alikes, two groups of four.
    const alphabet = "BCDFGHJKLMNPQRSTVWXZ";
    const pick = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("");
    return `${pick()}-${pick()}`;
  }
}

export function token(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}
