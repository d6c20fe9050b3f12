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

  /** The one line a program prints: `<program>: ` (when given), what is wrong, then what to run (or to change). */
  toUserLine(program?: string): string {
    return formatUserLine({ program, message: this.message, fix: this.fix });
  }
}

/**
 * The one user-line format of every program (the `sso` CLI, the shim, the container, the action):
 * `<program>: <what is wrong> Run: <command>`, or `Fix: <edit>` when the fix is a change to make, on one line.
 * `sentence` ends the fix with a full stop, for prose surroundings (the action's annotations, which name no program).
 */
export function formatUserLine(line: { program?: string | undefined; message: string; fix?: string | undefined; sentence?: boolean }): string {
  const message = oneLine(line.message);
  const fix = line.fix ? oneLine(line.fix) : "";
  const end = fix && line.sentence && !/[.!?]$/.test(fix) ? "." : "";
  return `${line.program ? `${line.program}: ` : ""}${message}${fix ? ` ${fixLabel(fix)} ${fix}${end}` : ""}`;
}

/** A message on one line: what a multi-line text says, its line breaks as spaces. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** @internal "Run:" before a command, "Fix:" before an edit to make (a config line to add, a value to change). */
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
