import { Flags } from "@oclif/core";
import {
  isAssumeRoleProfile,
  isSsoCredsError,
  listSsoSessions,
  loadToken,
  resolveCredentials,
  resolveSsoProfile,
  resolveSsoSession,
  tokenState,
  type SsoSession,
} from "@sso-creds/core";
import { BaseCommand, humanDuration } from "../base-command.js";

interface SessionStatus {
  ssoSession: string | undefined;
  startUrl: string;
  region: string;
  loggedIn: boolean;
  expiresAt: string | undefined;
  expired: boolean;
  refreshable: boolean;
}

interface ProfileStatus {
  profile: string;
  accountId: string;
  roleName: string;
  credentialsExpiration: string | undefined;
  credentialsError: string | undefined;
}

export default class Status extends BaseCommand {
  static override summary = "Show which sso-sessions are logged in, and a profile's account, role and credential expiry.";
  static override aliases = ["whoami"];
  static override enableJsonFlag = true;
  static override examples = [
    { description: "Every sso-session in ~/.aws/config", command: "<%= config.bin %> <%= command.id %>" },
    { description: "One profile: its session, account, role and role-credential expiry", command: "<%= config.bin %> <%= command.id %> --profile dev" },
    { description: "As JSON, for scripts", command: "<%= config.bin %> whoami --profile dev --json" },
  ];
  static override flags = {
    "sso-session": Flags.string({ description: "Only this [sso-session NAME].", exclusive: ["profile"] }),
  };

  public async run(): Promise<{ sessions: SessionStatus[]; profile?: ProfileStatus }> {
    const { flags } = await this.parse(Status);
    const config = await this.config_();
    const profileName = flags["sso-session"] ? undefined : this.profileFromFlagsOrEnv(flags.profile);
    let sessions: SsoSession[];
    if (flags["sso-session"] || profileName) {
      sessions = [resolveSsoSession(config, { ...(profileName ? { profile: profileName } : {}), ...(flags["sso-session"] ? { ssoSession: flags["sso-session"] } : {}) })];
    } else sessions = listSsoSessions(config);

    const now = this.deps.now();
    const statuses: SessionStatus[] = [];
    for (const session of sessions) statuses.push(await this.sessionStatus(session, now));

    let profile: ProfileStatus | undefined;
    if (profileName) {
      // A role profile (role_arn + source_profile) shows the role it assumes.
      const arn = isAssumeRoleProfile(config.profiles[profileName]) ? /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(String(config.profiles[profileName]!.role_arn)) : undefined;
      const p = arn ? { profileName, accountId: arn[1]!, roleName: arn[2]! } : resolveSsoProfile(config, profileName);
      profile = { profile: p.profileName, accountId: p.accountId, roleName: p.roleName, credentialsExpiration: undefined, credentialsError: undefined };
      try {
        const creds = await resolveCredentials(this.deps, { profile: p.profileName });
        profile.credentialsExpiration = new Date(creds.expiration).toISOString();
      } catch (e) {
        if (!isSsoCredsError(e)) throw e;
        profile.credentialsError = e.toUserLine();
      }
    }

    if (!this.jsonEnabled()) {
      if (statuses.length === 0) this.log("No sso-session in ~/.aws/config.");
      for (const s of statuses) this.log(this.describe(s, now));
      if (profile) {
        this.log(`profile ${profile.profile}: account ${profile.accountId}, role ${profile.roleName}`);
        if (profile.credentialsExpiration) {
          this.log(`  role credentials valid until ${profile.credentialsExpiration} (${humanDuration(Date.parse(profile.credentialsExpiration) - now)} left)`);
        } else this.log(`  role credentials unavailable: ${profile.credentialsError ?? "unknown"}`);
      }
    }
    return profile ? { sessions: statuses, profile } : { sessions: statuses };
  }

  private async sessionStatus(session: SsoSession, now: number): Promise<SessionStatus> {
    const base = { ssoSession: session.name, startUrl: session.startUrl, region: session.region };
    // loadToken, not readToken: an expired token is still worth showing (and may be refreshable).
    const loaded = await loadToken(this.deps, session).catch(() => undefined);
    if (!loaded) return { ...base, loggedIn: false, expiresAt: undefined, expired: true, refreshable: false };
    const state = tokenState(loaded.token, now);
    return { ...base, loggedIn: true, expiresAt: new Date(loaded.expiresAtMs).toISOString(), expired: state.expired, refreshable: state.refreshable };
  }

  private describe(s: SessionStatus, now: number): string {
    const label = s.ssoSession ? `sso-session ${s.ssoSession}` : s.startUrl;
    if (!s.loggedIn) return `${label}: not logged in (run: sso login ${s.ssoSession ? `--sso-session ${s.ssoSession}` : ""})`.replace(" )", ")");
    const at = Date.parse(s.expiresAt ?? "");
    const refresh = s.refreshable ? "refreshable" : "not refreshable";
    return s.expired
      ? `${label}: expired ${humanDuration(now - at)} ago, ${refresh}${s.refreshable ? "" : ` (run: sso login --sso-session ${s.ssoSession ?? ""})`}`
      : `${label}: valid until ${s.expiresAt} (${humanDuration(at - now)} left), ${refresh}`;
  }
}
