import { createHash } from "node:crypto";
import { ConfigError } from "../errors.js";
import type { SsoSession } from "../types.js";

/** One role the user can assume, as ListAccounts + ListAccountRoles report it. */
export interface AccountRole {
  accountId: string;
  accountName?: string | undefined;
  roleName: string;
}

/** A `[profile …]` section `writeProfiles` should hold, keys in the order they are written. */
export interface PlannedProfile {
  profileName: string;
  accountId: string;
  roleName: string;
  keys: Array<[string, string]>;
}

export interface PlanProfilesOptions {
  /** The sso-session the profiles use (`sso_session = NAME`); a session without a name writes legacy sso_start_url/sso_region keys. */
  ssoSession: string | SsoSession;
  /** Prepended to every name, e.g. "acme." */
  prefix?: string | undefined;
  /** Written as the profiles' `region`. */
  region?: string | undefined;
  /** Placeholders {accountName} {accountId} {roleName} {ssoSession} {region}; default "{accountName}.{roleName}" as aws-sso-util names them. */
  nameTemplate?: string | undefined;
}

export const DEFAULT_NAME_TEMPLATE = "{accountName}.{roleName}";
const PLACEHOLDERS = new Set(["accountName", "accountId", "roleName", "ssoSession", "region"]);

/**
 * Profile sections for every account and role. Names are sanitized to characters botocore, the JS SDK
 * and shells all accept; names that would collide get `-<accountId>` (then a short hash) appended to
 * every colliding profile, so a name never depends on listing order. Sorted by name for a stable file.
 */
export function planProfiles(accountRoles: readonly AccountRole[], options: PlanProfilesOptions): PlannedProfile[] {
  const template = options.nameTemplate ?? DEFAULT_NAME_TEMPLATE;
  for (const m of template.matchAll(/\{([^}]*)\}/g)) {
    if (!PLACEHOLDERS.has(m[1]!)) {
      throw new ConfigError(`Unknown placeholder {${m[1]}} in the profile name template "${template}"; use {accountName}, {accountId}, {roleName}, {ssoSession} or {region}.`);
    }
  }
  const sessionName = typeof options.ssoSession === "string" ? options.ssoSession : options.ssoSession.name;

  const seen = new Set<string>();
  const unique = accountRoles.filter((r) => {
    const key = `${r.accountId}/${r.roleName}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  let named = unique.map((role) => {
    const accountName = role.accountName?.trim() || role.accountId;
    const values: Record<string, string> = { accountName, accountId: role.accountId, roleName: role.roleName, ssoSession: sessionName ?? "", region: options.region ?? "" };
    const raw = (options.prefix ?? "") + template.replace(/\{([^}]*)\}/g, (_, key: string) => values[key] ?? "");
    return { role, name: sanitizeProfileName(raw) || sanitizeProfileName(`${role.accountId}.${role.roleName}`) };
  });
  named = disambiguate(named, (n) => `${n.name}-${n.role.accountId}`);
  named = disambiguate(named, (n) => `${n.name}-${shortHash(`${n.role.accountId}/${n.role.roleName}`)}`);

  return named
    .map(({ role, name }) => ({ profileName: name, accountId: role.accountId, roleName: role.roleName, keys: profileKeys(role, options, sessionName) }))
    .sort((a, b) => (a.profileName < b.profileName ? -1 : a.profileName > b.profileName ? 1 : 0));
}

function profileKeys(role: AccountRole, options: PlanProfilesOptions, sessionName: string | undefined): Array<[string, string]> {
  const keys: Array<[string, string]> = [];
  if (sessionName) keys.push(["sso_session", sessionName]);
  else if (typeof options.ssoSession !== "string") keys.push(["sso_start_url", options.ssoSession.startUrl], ["sso_region", options.ssoSession.region]);
  keys.push(["sso_account_id", role.accountId], ["sso_role_name", role.roleName]);
  if (options.region) keys.push(["region", options.region]);
  // For people reading the file; no SDK reads it (aws-sso-util writes the same key).
  const accountName = oneLine(role.accountName ?? "");
  if (accountName) keys.push(["sso_account_name", accountName]);
  return keys;
}

/**
 * Keep letters, digits and `_ . @ + -`, which both SDKs' profile-name rules and shells accept unquoted;
 * accents are dropped ("Développement" → "Developpement"), anything else becomes "-".
 */
export function sanitizeProfileName(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_.@+-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
}

function disambiguate<T extends { name: string }>(items: T[], rename: (item: T) => string): T[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.name.toLowerCase(), (counts.get(item.name.toLowerCase()) ?? 0) + 1);
  // Case-insensitive: botocore lower-cases nothing in names, but case-only twins confuse people and case-insensitive file systems.
  return items.map((item) => ((counts.get(item.name.toLowerCase()) ?? 0) > 1 ? { ...item, name: rename(item) } : item));
}

function shortHash(s: string): string {
  return createHash("sha1").update(s).digest("hex").slice(0, 6);
}

function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}
