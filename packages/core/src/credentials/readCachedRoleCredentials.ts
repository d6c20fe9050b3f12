import type { CoreDeps } from "../deps.js";
import { CredentialsError } from "../errors.js";
import { shellQuote } from "../util/shellQuote.js";
import { tildePath } from "../util/tildePath.js";
import type { RoleCredentials, SsoProfile } from "../types.js";
import { ROLE_CREDENTIALS_EXPIRY_WINDOW_MS } from "./constants.js";
import { credentialsCachePath } from "./credentialsCachePath.js";
import { parseCredentialsCache } from "./parseCredentialsCache.js";

export interface ReadCachedOptions {
  /** Treat credentials with less than this left as absent (default: 15 min, botocore's window). */
  minRemainingMs?: number;
}

/**
 * The hot path for credential_process: cached role credentials from ~/.aws/cli/cache if more than 15 minutes
 * remain, else undefined. Loads no SDK. A malformed cache file is a CredentialsError naming it (content never shown).
 */
export async function readCachedRoleCredentials(
  deps: CoreDeps,
  profile: SsoProfile,
  options: ReadCachedOptions = {},
): Promise<RoleCredentials | undefined> {
  const read = await readCredentialsCacheFile(deps, profile);
  if (read.kind === "missing") return undefined;
  if (read.kind === "bad") throw read.error;
  const minRemaining = options.minRemainingMs ?? ROLE_CREDENTIALS_EXPIRY_WINDOW_MS;
  return read.credentials.expiration - deps.now() > minRemaining ? read.credentials : undefined;
}

export type CredentialsCacheRead =
  | { kind: "missing"; path: string }
  | { kind: "bad"; path: string; error: CredentialsError }
  | { kind: "ok"; path: string; credentials: RoleCredentials; raw: string };

/** Read the cache file and classify it; never throws for file problems. */
export async function readCredentialsCacheFile(deps: CoreDeps, profile: SsoProfile): Promise<CredentialsCacheRead> {
  const path = credentialsCachePath(deps, profile);
  const shown = tildePath(deps, path);
  const fix = `rm -r ${shellQuote(path)}`;
  const what = `The role credential cache ${shown} (account ${profile.accountId}, role ${profile.roleName})`;
  let raw: string;
  try {
    raw = await deps.fs.readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing", path };
    const problem = code === "EISDIR" ? "is a directory" : `cannot be read (${code ?? "error"})`;
    return { kind: "bad", path, error: new CredentialsError(`${what} ${problem}.`, { fix, code: "CredentialsCacheUnreadable" }) };
  }
  const parsed = parseCredentialsCache(raw, profile.accountId);
  if ("problem" in parsed) {
    return { kind: "bad", path, error: new CredentialsError(`${what} ${parsed.problem}.`, { fix, code: "CredentialsCacheMalformed" }) };
  }
  return { kind: "ok", path, credentials: parsed, raw };
}
