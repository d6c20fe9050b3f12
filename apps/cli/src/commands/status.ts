import { Flags } from "@oclif/core";
import {
  checkRoleArn,
  isAssumeRoleProfile,
  isSsoCredsError,
  listLoginTargets,
  loadToken,
  resolveCredentials,
  resolveSsoProfile,
  resolveSsoSession,
  shellQuote,
  tokenState,
  type LoginTarget,
} from "@sso-creds/core";
import { BaseCommand, humanDuration } from "../base-command.js";
import type { ExitCodes } from "../help.js";

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
  static override description =
    "With --profile or --sso-session, exits 1 unless that one is logged in (for a profile: unless its role credentials can be had); with neither, lists every sso-session and legacy SSO start URL in ~/.aws/config and exits 1 when none is logged in. An expired token that can be refreshed counts as logged in: the next command refreshes it. `sso status --profile dev >/dev/null || sso login --profile dev`";
  static exitCodes: ExitCodes = {
    0: "logged in: the named profile's role credentials or the named sso-session's token are usable (with neither named: at least one sso-session is)",
    1: "not logged in (expired and not refreshable, or no token), the role credentials cannot be had, or another failure",
  };
  static override flags = {
    "sso-session": Flags.string({ description: "Only this [sso-session NAME].", exclusive: ["profile"] }),
  };

  public async run(): Promise<{ sessions: SessionStatus[]; profile?: ProfileStatus }> {
    const { flags } = await this.parse(Status);
    const config = await this.sharedConfig();
    const profileName = flags["sso-session"] ? undefined : this.profileFromFlagsOrEnv(flags.profile);
    let targets: LoginTarget[];
    if (flags["sso-session"] || profileName) {
      const session = resolveSsoSession(config, { ...(profileName ? { profile: profileName } : {}), ...(flags["sso-session"] ? { ssoSession: flags["sso-session"] } : {}) });
      targets = [{ session, ...(session.name === undefined && profileName ? { legacyProfile: profileName } : {}) }];
    } else targets = listLoginTargets(config);

    const now = this.deps.now();
    const statuses: SessionStatus[] = [];
    for (const target of targets) statuses.push(await this.sessionStatus(target, now));

    let profile: ProfileStatus | undefined;
    if (profileName) {
      // A role profile (role_arn + source_profile) shows the role it assumes.
      const arn = isAssumeRoleProfile(config.profiles[profileName]) ? checkRoleArn(String(config.profiles[profileName]!.role_arn), `the role_arn of profile ${profileName}`) : undefined;
      const p = arn ? { profileName, ...arn } : resolveSsoProfile(config, profileName);
      profile = { profile: p.profileName, accountId: p.accountId, roleName: p.roleName, credentialsExpiration: undefined, credentialsError: undefined };
      try {
        const creds = await resolveCredentials(this.deps, { profile: p.profileName });
        profile.credentialsExpiration = new Date(creds.expiration).toISOString();
      } catch (e) {
        if (!isSsoCredsError(e)) throw e;
        profile.credentialsError = e.toUserLine();
      }
    }

    // Usable now or after a silent refresh; a profile also needs its role credentials.
    const usable = (s: SessionStatus) => s.loggedIn && (!s.expired || s.refreshable);
    const ok = profile ? profile.credentialsExpiration !== undefined && statuses.every(usable) : statuses.some(usable);
    if (!ok) process.exitCode = 1;
    if (!this.jsonEnabled()) {
      if (statuses.length === 0) this.log("No sso-session in ~/.aws/config.");
      for (const [i, s] of statuses.entries()) this.log(this.describe(s, now, targets[i]!.legacyProfile));
      if (profile) {
        this.log(`profile ${profile.profile}: account ${profile.accountId}, role ${profile.roleName}`);
        if (profile.credentialsExpiration) {
          this.log(`  role credentials valid until ${profile.credentialsExpiration} (${humanDuration(Date.parse(profile.credentialsExpiration) - now)} left)`);
        } else this.log(`  role credentials unavailable: ${profile.credentialsError ?? "unknown"}`);
      }
    }
    return profile ? { sessions: statuses, profile } : { sessions: statuses };
  }

  private async sessionStatus({ session }: LoginTarget, now: number): Promise<SessionStatus> {
    const base = { ssoSession: session.name, startUrl: session.startUrl, region: session.region };
    // loadToken, not readToken: an expired token is still worth showing (and may be refreshable).
    const loaded = await loadToken(this.deps, session).catch(() => undefined);
    if (!loaded) return { ...base, loggedIn: false, expiresAt: undefined, expired: true, refreshable: false };
    const state = tokenState(loaded.token, now);
    return { ...base, loggedIn: true, expiresAt: new Date(loaded.expiresAtMs).toISOString(), expired: state.expired, refreshable: state.refreshable };
  }

  private describe(s: SessionStatus, now: number, legacyProfile: string | undefined): string {
    const label = s.ssoSession ? `sso-session ${s.ssoSession}` : `${s.startUrl}${legacyProfile ? ` (legacy profile ${legacyProfile})` : ""}`;
    const login = s.ssoSession ? `sso login --sso-session ${shellQuote(s.ssoSession)}` : legacyProfile ? `sso login --profile ${shellQuote(legacyProfile)}` : "sso login";
    if (!s.loggedIn) return `${label}: not logged in (run: ${login})`;
    const at = Date.parse(s.expiresAt ?? "");
    const refresh = s.refreshable ? "refreshable" : "not refreshable";
    return s.expired
      ? `${label}: expired ${humanDuration(now - at)} ago, ${refresh}${s.refreshable ? "" : ` (run: ${login})`}`
      : `${label}: valid until ${s.expiresAt} (${humanDuration(at - now)} left), ${refresh}`;
  }
}
