import {
  isAssumeRoleProfile,
  listSsoSessions,
  loadToken,
  resolveRoleChain,
  resolveSsoProfile,
  tokenState,
  type CoreDeps,
  type SharedConfig,
  type SsoSession,
} from "@sso-creds/core";
import { humanDuration } from "../base-command.js";
import { pick, type PickChoice } from "./prompts.js";

/** A profile as the picker lists it. */
export interface ProfileRow {
  profileName: string;
  accountId: string;
  accountName: string | undefined;
  roleName: string;
  /** The sso-session (name, or start URL for a legacy profile) whose login the profile uses. */
  session: SsoSession;
}

/** Every profile that yields role credentials through IAM Identity Center: SSO profiles and role_arn chains on one. */
export function profileRows(config: SharedConfig): ProfileRow[] {
  const rows: ProfileRow[] = [];
  for (const [name, section] of Object.entries(config.profiles)) {
    try {
      if (isAssumeRoleProfile(section)) {
        const chain = resolveRoleChain(config, name);
        const arn = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(chain.steps[chain.steps.length - 1]!.roleArn);
        const base = resolveSsoProfile(config, chain.ssoProfileName);
        rows.push({ profileName: name, accountId: arn?.[1] ?? "", accountName: undefined, roleName: arn?.[2] ?? String(section.role_arn), session: base.session });
      } else {
        const p = resolveSsoProfile(config, name);
        const accountName = typeof section.sso_account_name === "string" ? section.sso_account_name : undefined;
        rows.push({ profileName: name, accountId: p.accountId, accountName, roleName: p.roleName, session: p.session });
      }
    } catch {
      // incomplete or not an SSO profile: naming it explicitly reports why
    }
  }
  return rows.sort((a, b) => a.profileName.localeCompare(b.profileName));
}

/** "logged in, 7h 12m left", "expired, refreshable", "not logged in", per sso-session (read once each). */
async function loginStates(deps: CoreDeps, sessions: SsoSession[]): Promise<Map<string, string>> {
  const now = deps.now();
  const out = new Map<string, string>();
  for (const session of sessions) {
    const key = sessionKey(session);
    if (out.has(key)) continue;
    const loaded = await loadToken(deps, session).catch(() => undefined);
    if (!loaded) out.set(key, "not logged in");
    else {
      const state = tokenState(loaded.token, now);
      out.set(key, state.expired ? (state.refreshable ? "expired, refreshable" : "expired") : `logged in, ${humanDuration(state.expiresInMs)} left`);
    }
  }
  return out;
}

function sessionKey(s: SsoSession): string {
  return s.name ?? s.startUrl;
}

function columns(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  "));
}

/** The profile picker: type part of a name, account, id or role; shows whether each profile's session is logged in. */
export async function pickProfile(deps: CoreDeps, config: SharedConfig, message = "Profile"): Promise<string> {
  const rows = profileRows(config);
  const states = await loginStates(deps, rows.map((r) => r.session));
  const lines = columns(
    rows.map((r) => [r.profileName, r.accountName ? `${r.accountName} (${r.accountId})` : r.accountId, r.roleName, `[${states.get(sessionKey(r.session))}]`]),
  );
  const choices: PickChoice<string>[] = rows.map((r, i) => ({ value: r.profileName, name: lines[i]!, short: r.profileName }));
  return pick(`${message} (type to filter)`, choices);
}

/** What the session picker returns: an [sso-session] by name, or a legacy profile with its own start URL. */
export type SessionChoice = { ssoSession: string } | { profile: string };

/** The sso-session picker, for commands that log in or list where several sessions are configured. */
export async function pickSsoSession(deps: CoreDeps, config: SharedConfig): Promise<SessionChoice> {
  const sessions = listSsoSessions(config);
  const legacy = new Map<string, { profile: string; session: SsoSession }>();
  for (const r of profileRows(config)) if (r.session.name === undefined && !legacy.has(r.session.startUrl)) legacy.set(r.session.startUrl, { profile: r.profileName, session: r.session });
  const all = [...sessions, ...[...legacy.values()].map((l) => l.session)];
  const states = await loginStates(deps, all);
  const lines = columns(all.map((s) => [s.name ?? `(profile ${legacy.get(s.startUrl)?.profile})`, s.startUrl, s.region, `[${states.get(sessionKey(s))}]`]));
  const choices: PickChoice<SessionChoice>[] = all.map((s, i) => ({
    value: s.name !== undefined ? { ssoSession: s.name } : { profile: legacy.get(s.startUrl)!.profile },
    name: lines[i]!,
    short: s.name ?? s.startUrl,
  }));
  return pick("sso-session (type to filter)", choices);
}
