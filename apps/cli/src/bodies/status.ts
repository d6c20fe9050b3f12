import {
  checkRoleArn,
  isAssumeRoleProfile,
  isSsoCredsError,
  listLoginTargets,
  loadSharedConfig,
  loadToken,
  resolveCredentials,
  resolveSsoProfile,
  resolveSsoSession,
  shellQuote,
  tildePath,
  tokenState,
  type CoreDeps,
  type LoginTarget,
} from "@sso-creds/core";
import { humanDuration } from "../humanDuration.js";
import { profileFromFlagsOrEnv } from "../profileFromEnv.js";

export interface SessionStatus {
  ssoSession: string | undefined;
  startUrl: string;
  region: string;
  loggedIn: boolean;
  expiresAt: string | undefined;
  expired: boolean;
  refreshable: boolean;
}

export interface ProfileStatus {
  profile: string;
  accountId: string;
  roleName: string;
  credentialsExpiration: string | undefined;
  credentialsError: string | undefined;
}

export interface StatusReport {
  /** What --json prints. */
  result: { sessions: SessionStatus[]; profile?: ProfileStatus };
  /** What a person reads. */
  lines: string[];
  /** Exit 0: the named profile's credentials or session's token are usable (none named: at least one session is). */
  ok: boolean;
}

/** `sso status`, shared by the oclif command and the fast path. */
export async function statusReport(deps: CoreDeps, flags: { profile?: string | undefined; "sso-session"?: string | undefined }): Promise<StatusReport> {
  const config = await loadSharedConfig(deps);
  const profileName = flags["sso-session"] ? undefined : profileFromFlagsOrEnv(deps, flags.profile);
  let targets: LoginTarget[];
  if (flags["sso-session"] || profileName) {
    const session = resolveSsoSession(config, { ...(profileName ? { profile: profileName } : {}), ...(flags["sso-session"] ? { ssoSession: flags["sso-session"] } : {}) });
    targets = [{ session, ...(session.name === undefined && profileName ? { legacyProfile: profileName } : {}) }];
  } else targets = listLoginTargets(config);

  const now = deps.now();
  const statuses: SessionStatus[] = [];
  for (const target of targets) statuses.push(await sessionStatus(deps, target, now));

  let profile: ProfileStatus | undefined;
  if (profileName) {
    // A role profile (role_arn + source_profile) shows the role it assumes.
    const arn = isAssumeRoleProfile(config.profiles[profileName]) ? checkRoleArn(String(config.profiles[profileName]!.role_arn), `the role_arn of profile ${profileName}`) : undefined;
    const p = arn ? { profileName, ...arn } : resolveSsoProfile(config, profileName);
    profile = { profile: p.profileName, accountId: p.accountId, roleName: p.roleName, credentialsExpiration: undefined, credentialsError: undefined };
    try {
      const creds = await resolveCredentials(deps, { profile: p.profileName, config });
      profile.credentialsExpiration = new Date(creds.expiration).toISOString();
    } catch (e) {
      if (!isSsoCredsError(e)) throw e;
      profile.credentialsError = e.toUserLine();
    }
  }

  // Usable now or after a silent refresh; a profile also needs its role credentials.
  const usable = (s: SessionStatus) => s.loggedIn && (!s.expired || s.refreshable);
  const ok = profile ? profile.credentialsExpiration !== undefined && statuses.every(usable) : statuses.some(usable);
  const lines: string[] = [];
  if (statuses.length === 0) lines.push(`No sso-session in ${tildePath(deps, config.configFile)}.`);
  for (const [i, s] of statuses.entries()) lines.push(describe(s, now, targets[i]!.legacyProfile));
  if (profile) {
    lines.push(`profile ${profile.profile}: account ${profile.accountId}, role ${profile.roleName}`);
    if (profile.credentialsExpiration) {
      lines.push(`  role credentials valid until ${profile.credentialsExpiration} (${humanDuration(Date.parse(profile.credentialsExpiration) - now)} left)`);
    } else lines.push(`  role credentials unavailable: ${profile.credentialsError ?? "unknown"}`);
  }
  return { result: profile ? { sessions: statuses, profile } : { sessions: statuses }, lines, ok };
}

async function sessionStatus(deps: CoreDeps, { session }: LoginTarget, now: number): Promise<SessionStatus> {
  const base = { ssoSession: session.name, startUrl: session.startUrl, region: session.region };
  // loadToken, not readToken: an expired token is still worth showing (and may be refreshable).
  const loaded = await loadToken(deps, session).catch(() => undefined);
  if (!loaded) return { ...base, loggedIn: false, expiresAt: undefined, expired: true, refreshable: false };
  const state = tokenState(loaded.token, now);
  return { ...base, loggedIn: true, expiresAt: new Date(loaded.expiresAtMs).toISOString(), expired: state.expired, refreshable: state.refreshable };
}

function describe(s: SessionStatus, now: number, legacyProfile: string | undefined): string {
  const label = s.ssoSession ? `sso-session ${s.ssoSession}` : `${s.startUrl}${legacyProfile ? ` (legacy profile ${legacyProfile})` : ""}`;
  const login = s.ssoSession ? `sso login --sso-session ${shellQuote(s.ssoSession)}` : legacyProfile ? `sso login --profile ${shellQuote(legacyProfile)}` : "sso login";
  if (!s.loggedIn) return `${label}: not logged in (run: ${login})`;
  const at = Date.parse(s.expiresAt ?? "");
  const refresh = s.refreshable ? "refreshable" : "not refreshable";
  return s.expired
    ? `${label}: expired ${humanDuration(now - at)} ago, ${refresh}${s.refreshable ? "" : ` (run: ${login})`}`
    : `${label}: valid until ${s.expiresAt} (${humanDuration(at - now)} left), ${refresh}`;
}
