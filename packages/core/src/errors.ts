/**
 * One error base for every failure a user can cause. `message` is one line saying what is
 * wrong; `fix` is the exact command (or edit) that fixes it. Neither ever holds a secret.
 * `tryNextLink` follows the AWS SDK's ProviderError: may a credential chain try the next source?
 */
export class SsoCredsError extends Error {
  override name = "SsoCredsError";
  readonly fix: string | undefined;
  readonly tryNextLink: boolean;
  /** A stable machine-readable code, e.g. "ConfigError", "TokenExpired". */
  readonly code: string;

  constructor(message: string, options: { fix?: string; tryNextLink?: boolean; code?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.fix = options.fix;
    this.tryNextLink = options.tryNextLink ?? false;
    this.code = options.code ?? "SsoCredsError";
  }

  /** The one line a CLI prints: what is wrong, then what to run (or to change). */
  toUserLine(): string {
    return this.fix ? `${this.message} ${fixLabel(this.fix)} ${this.fix}` : this.message;
  }
}

/** "Run:" before a command, "Fix:" before an edit to make (a config line to add, a value to change). */
export function fixLabel(fix: string): "Run:" | "Fix:" {
  return /^(sso|sso-credential-process|aws|export|unset|chmod|mkdir|rm|mv|podman|docker)\s/.test(fix) ? "Run:" : "Fix:";
}

/** Config files: missing, unreadable, unparsable, or an SSO profile that is incomplete or inconsistent. */
export class ConfigError extends SsoCredsError {
  override name = "ConfigError";
  constructor(message: string, options: { fix?: string; tryNextLink?: boolean; code?: string; cause?: unknown } = {}) {
    super(message, { code: "ConfigError", ...options });
  }
}

/** The SSO access token: missing, malformed, expired, revoked, or a refresh that failed. */
export class TokenError extends SsoCredsError {
  override name = "TokenError";
  constructor(message: string, options: { fix?: string; tryNextLink?: boolean; code?: string; cause?: unknown } = {}) {
    super(message, { code: "TokenError", ...options });
  }
}

/** Role credentials: GetRoleCredentials / AssumeRole failures and credential cache problems. */
export class CredentialsError extends SsoCredsError {
  override name = "CredentialsError";
  constructor(message: string, options: { fix?: string; tryNextLink?: boolean; code?: string; cause?: unknown } = {}) {
    super(message, { code: "CredentialsError", ...options });
  }
}

/** Network faults, throttling that outlasted the retries, and service errors we cannot map. */
export class ServiceError extends SsoCredsError {
  override name = "ServiceError";
  constructor(message: string, options: { fix?: string; tryNextLink?: boolean; code?: string; cause?: unknown } = {}) {
    super(message, { code: "ServiceError", ...options });
  }
}

export function isSsoCredsError(e: unknown): e is SsoCredsError {
  return e instanceof SsoCredsError;
}
