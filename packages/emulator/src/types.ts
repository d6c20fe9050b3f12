/** One account of the emulated organisation and the permission sets (roles) the fixture user may use in it. */
export interface FixtureAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

/** What the emulated IAM Identity Center instance holds. Every field has a default (see defaultFixtures). */
export interface Fixtures {
  /** The AWS access portal URL; only an identifier (never contacted), so a fake AWS-owned https URL. */
  startUrl: string;
  region: string;
  user: { userName: string; userId: string };
  accounts: FixtureAccount[];
  /** Roles that STS AssumeRole may assume beyond the SSO roles, as role ARNs, with optional conditions. */
  assumableRoles?: AssumableRole[];
}

export interface AssumableRole {
  roleArn: string;
  externalId?: string;
  /** When set, AssumeRole needs SerialNumber = this ARN and TokenCode = mfaCode (default "123456"). */
  mfaSerial?: string;
  mfaCode?: string;
}

export type FaultKind = "500" | "503" | "reset" | "delay";

export interface FaultOptions {
  /** Share of API requests (0..1) that get a fault. */
  rate: number;
  kinds?: FaultKind[];
  /** Delay for the "delay" kind, in ms (default 2000). */
  delayMs?: number;
  /** Seed for the fault dice, so a run can be repeated. */
  seed?: number;
}

export interface EmulatorOptions {
  host?: string;
  /** 0 (the default) picks any free port. */
  port?: number;
  /** Fixtures object, or a path to a JSON file holding one. Missing fields take the defaults. */
  fixtures?: Partial<Fixtures> | string;
  /** Device codes and PKCE authorisations are approved as the fixture user without a browser. */
  autoApprove?: boolean;
  accessTokenTtlSeconds?: number;
  roleCredentialTtlSeconds?: number;
  /** AssumeRole credentials last this long whatever DurationSeconds asked (tests of refresh after expiry). Default: DurationSeconds. */
  assumedRoleTtlSeconds?: number;
  /** How long a refresh token (the sign-in session) lasts. Default 90 days. */
  refreshTokenTtlSeconds?: number;
  /** Refresh tokens rotate on use (default, as IAM Identity Center does); false answers refreshes without a new one. */
  rotateRefreshToken?: boolean;
  /** Per-operation request rate beyond which TooManyRequestsException is returned (the real limit is about 20). */
  throttleRps?: number;
  faults?: FaultOptions;
  /** Serve HTTPS with this certificate and key (PEM text or file paths). */
  tls?: { cert: string; key: string };
  /** Where request log lines go (never with token or secret values). Default: nowhere. */
  log?: (line: string) => void;
  /** The clock, epoch ms (tests). */
  now?: () => number;
}

/** A token object exactly as ~/.aws/sso/cache/<key>.json holds it after a real login. */
export interface MintedToken {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId: string;
  clientSecret: string;
  registrationExpiresAt: string;
  refreshToken?: string;
}

export interface MintTokenOptions {
  startUrl?: string;
  region?: string;
  accessTokenTtlSeconds?: number;
  withRefreshToken?: boolean;
}

export type Fault = { status: number; type: string; message?: string } | "reset" | { delayMs: number };

export interface Emulator {
  url: string;
  port: number;
  fixtures: Fixtures;
  /** Calls per operation since start or the last reset. */
  stats(): Record<string, number>;
  /** Calls per operation since start or the last reset that were throttled, and that got an injected error or reset. */
  interference(): { throttled: Record<string, number>; faulted: Record<string, number> };
  /** Clears every token, registration, credential and counter. */
  reset(): void;
  /** An approved login without the browser: a token file's content. */
  mintToken(options?: MintTokenOptions): MintedToken;
  /**
   * Answer the next `count` calls of an operation with this fault (a modeled error, a reset socket or a delay);
   * with `after`, only once that many further calls were served normally (a failure midway through a listing).
   */
  failNext(operation: string, count: number, fault: Fault, options?: { after?: number }): void;
  close(): Promise<void>;
}
