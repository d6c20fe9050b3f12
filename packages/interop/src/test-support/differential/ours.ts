import { basename } from "node:path";
import {
  assumeRoleCacheKey,
  assumeRoleCachePath,
  credentialsCachePath,
  defaultDeps,
  isAssumeRoleProfile,
  isSsoCredsError,
  loadSharedConfig,
  parseScopes,
  registrationCacheKey,
  registrationCachePath,
  resolveRoleChain,
  resolveSsoProfile,
  resolveSsoSession,
  ssoCredentialsCacheKey,
  tokenCacheKey,
  tokenCachePath,
  type SharedConfig,
} from "@sso-creds/core";
import type { KeyCase } from "./generate.js";

/** What a profile lookup gave: the SSO settings and every cache file name of the chain, or an error class. */
export type Resolved =
  | { ok: { method: "sso" | "assume-role"; sso: SsoRecord; assume: string[] } }
  | { error: string; code?: string; message?: string; where?: string };
export interface SsoRecord {
  key: string;
  token: string;
  startUrl: unknown;
  region: unknown;
  accountId: unknown;
  roleName: unknown;
  sessionName: unknown;
}
export type Login = { ok: { token: string; registration: string } } | { error: string; code?: string; message?: string };

/** Our error codes → the class botocore's outcome is classified as (botocoreDiff.py classify()). */
const CLASS: Record<string, string> = {
  ConfigSyntax: "ConfigParseError",
  ConfigUnreadable: "ConfigParseError",
  ProfileNotFound: "ProfileNotFound",
  SsoSessionNotFound: "SessionNotFound",
  ConfigInconsistent: "Inconsistent",
  SourceProfileNotFound: "SourceNotFound",
  SourceProfileLoop: "Loop",
  NotSsoProfile: "OtherSource",
  NotAssumeRoleProfile: "OtherSource",
  CredentialSourceUnsupported: "OtherSource",
};

function classify(e: unknown): { error: string; code: string; message: string } {
  if (!isSsoCredsError(e)) throw e;
  const code = e.code ?? "error";
  let error = CLASS[code] ?? code;
  if (code === "ConfigIncomplete") error = /no source_profile/.test(e.message) ? "PartialCredentials" : "Incomplete";
  if (code === "ConfigInvalid" && /both source_profile and credential_source/.test(e.message)) error = "BothSources";
  return { error, code, message: e.message };
}

export function depsFor(home: string, config: string, credentials: string) {
  return defaultDeps({ env: { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials } });
}

const stem = (path: string) => basename(path, ".json");

/** The profile through core as resolveCredentials goes: role_arn first (the chain), else the SSO profile. */
export function resolveOurs(deps: ReturnType<typeof depsFor>, config: SharedConfig, name: string): Resolved {
  let where = name;
  try {
    if (!Object.hasOwn(config.profiles, name)) return { error: "ProfileNotFound" };
    const chain = isAssumeRoleProfile(config.profiles[name]) ? resolveRoleChain(config, name) : undefined;
    where = chain?.ssoProfileName ?? name;
    const p = resolveSsoProfile(config, where);
    return {
      ok: {
        method: chain ? "assume-role" : "sso",
        sso: {
          key: stem(credentialsCachePath(deps, p)),
          token: stem(tokenCachePath(deps, p.session)),
          startUrl: p.session.startUrl,
          region: p.session.region,
          accountId: p.accountId,
          roleName: p.roleName,
          sessionName: p.session.name ?? null,
        },
        assume: (chain?.steps ?? []).map((s) => stem(assumeRoleCachePath(deps, s))),
      },
    };
  } catch (e) {
    return { ...classify(e), where };
  }
}

/** `sso login --profile NAME`: the token and registration files we would use. */
export function loginOurs(deps: ReturnType<typeof depsFor>, config: SharedConfig, name: string): Login {
  try {
    if (!Object.hasOwn(config.profiles, name)) return { error: "ProfileNotFound" };
    const s = resolveSsoSession(config, { profile: name });
    return { ok: { token: stem(tokenCachePath(deps, s)), registration: stem(registrationCachePath(deps, s)) } };
  } catch (e) {
    const c = classify(e);
    // `aws sso login` reports a profile without SSO settings as missing sso_start_url/sso_region.
    return c.error === "OtherSource" ? { ...c, error: "Incomplete" } : c;
  }
}

export async function loadOurs(deps: ReturnType<typeof depsFor>): Promise<{ ok: SharedConfig } | { error: string; code: string; message: string }> {
  try {
    return { ok: await loadSharedConfig(deps) };
  } catch (e) {
    return classify(e);
  }
}

export function keysOurs(k: KeyCase) {
  const session = { name: k.sessionName ?? undefined, startUrl: k.startUrl };
  const { DurationSeconds, ...rest } = k.assume;
  let assume: string | { error: string };
  try {
    assume = assumeRoleCacheKey({ ...rest, ...(DurationSeconds !== undefined ? { DurationSeconds: BigInt(DurationSeconds) } : {}) });
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    assume = { error: "ValueError" };
  }
  return {
    token: tokenCacheKey(session),
    sso: ssoCredentialsCacheKey({ accountId: k.accountId, roleName: k.roleName, sessionName: session.name, startUrl: k.startUrl }),
    assume,
    registration: registrationCacheKey({ startUrl: k.startUrl, region: k.region, scopes: k.scopes === null ? undefined : parseScopes(k.scopes), sessionName: session.name }),
  };
}
