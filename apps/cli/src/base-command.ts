import { Command, Errors, Flags } from "@oclif/core";
import { profileFromFlagsOrEnv } from "./profileFromEnv.js";
import { exitCodeFor, oneLine, userErrorText } from "./userError.js";
import {
  defaultDeps,
  formatUserLine,
  isSsoCredsError,
  ConfigError,
  loadSharedConfig,
  lockWaitNotice,
  profileCaBundle,
  resolveEndpoint,
  resolveSsoSession,
  shellQuote,
  tildePath,
  type CoreDeps,
  type ProfileCaBundle,
  type SsoSession,
} from "@sso-creds/core";

type SharedConfig = Awaited<ReturnType<typeof loadSharedConfig>>;

/** What a command needs to talk to one sso-session: the session and the endpoints configured for it. */
export interface SessionTarget {
  session: SsoSession;
  /** The profile it came from, if any. */
  profileName: string | undefined;
  oidcEndpoint: string | undefined;
  ssoEndpoint: string | undefined;
  /** The ca_bundle of the profile in use (--profile, AWS_PROFILE, else default); AWS_CA_BUNDLE wins over it in core. */
  caBundle: ProfileCaBundle | undefined;
}

/**
 * Shared flags (--profile, --debug; commands parse them with `this.parse(Cmd)`), config loading through core, and the one error mapping of the CLI:
 * an SsoCredsError prints one line, `sso: <what is wrong> Run: <fix>` (`Fix:` for an edit), to stderr and exits 1 (2 for
 * usage errors); anything else prints one line with a hint; stack traces only with --debug. Nothing here prints a secret.
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = {
    profile: Flags.string({
      char: "p",
      description: "Profile in ~/.aws/config (default: AWS_PROFILE, then AWS_DEFAULT_PROFILE).",
      helpGroup: "GLOBAL",
    }),
    debug: Flags.boolean({ description: "Print stack traces and details on errors.", helpGroup: "GLOBAL" }),
  };

  protected deps: CoreDeps = defaultDeps();

  /** Lock options for credential fetches: behind another process's lock for over a second, say once whom we wait for. */
  protected waitNotice = lockWaitNotice(this.deps, "sso", (line) => process.stderr.write(line));

  /** The shared config files (~/.aws/config and credentials), as core reads them. */
  protected async sharedConfig(): Promise<SharedConfig> {
    return loadSharedConfig(this.deps);
  }

  /** --profile, else AWS_PROFILE / AWS_DEFAULT_PROFILE; undefined when none is given (commands then pick the sso-session). */
  protected profileFromFlagsOrEnv(explicit: string | undefined): string | undefined {
    return profileFromFlagsOrEnv(this.deps, explicit);
  }

  /**
   * The profile a credential command uses: --profile, AWS_PROFILE, AWS_DEFAULT_PROFILE, then [default] if it exists,
   * then the only IAM Identity Center profile. With several, a terminal gets the profile picker; elsewhere one line naming the profiles and the command
   * again with --profile.
   */
  protected async profileOrPick(explicit: string | undefined): Promise<string> {
    const named = this.profileFromFlagsOrEnv(explicit);
    if (named) return named;
    const config = await this.sharedConfig();
    if (config.profiles.default) return "default";
    const { canPrompt } = await import("./interactive/prompts.js");
    const { pickProfile, profileRows } = await import("./interactive/pickProfile.js");
    const rows = profileRows(config);
    // One profile is the answer, as one sso-session is for login.
    if (rows.length === 1) return rows[0]!.profileName;
    if (rows.length > 0 && canPrompt()) return pickProfile(this.deps, config);
    const file = tildePath(this.deps, config.configFile);
    if (rows.length === 0) {
      throw new ConfigError(`No profile given, and ${file} has no IAM Identity Center profile to use.`, { code: "ProfileNotFound", fix: "sso configure" });
    }
    const names = rows.map((r) => r.profileName);
    const shown = names.length > 8 ? `${names.slice(0, 8).join(", ")}, … (${names.length} in all)` : names.join(", ");
    throw new ConfigError(`No profile given (no --profile, AWS_PROFILE or [default] in ${file}); profiles: ${shown}.`, {
      code: "ProfileNotGiven",
      fix: this.commandWith(["--profile", names[0]!]),
    });
  }

  /** This command as the user typed it, with `extra` flags put in front of its arguments: for fix lines. */
  protected commandWith(extra: string[]): string {
    // process.argv, not this.argv: parsing may have consumed words of it (exec's command).
    const id = this.id!.split(":");
    const given = process.argv.slice(2);
    const argv = (id.every((w, i) => given[i] === w) ? given.slice(id.length) : this.argv).filter((a) => a !== "--debug");
    return ["sso", ...id, ...extra, ...argv].map((a) => (a === "--" ? a : shellQuote(a))).join(" ");
  }

  /** The sso-session named by --sso-session, or used by the profile, or the only one configured (else picked at a terminal). */
  protected async sessionTarget(flags: { profile?: string | undefined; "sso-session"?: string | undefined }): Promise<SessionTarget> {
    const config = await this.sharedConfig();
    let ssoSession = flags["sso-session"];
    let profileName = ssoSession ? undefined : this.profileFromFlagsOrEnv(flags.profile);
    if (!ssoSession && !profileName) {
      const chosen = await this.sessionWhenNoneNamed(config);
      if (chosen && "ssoSession" in chosen) ssoSession = chosen.ssoSession;
      else if (chosen) profileName = chosen.profile;
    }
    const session = resolveSsoSession(config, { ...(profileName ? { profile: profileName } : {}), ...(ssoSession ? { ssoSession } : {}) });
    return {
      session,
      profileName,
      oidcEndpoint: resolveEndpoint(this.deps, config, "sso_oidc", profileName),
      ssoEndpoint: resolveEndpoint(this.deps, config, "sso", profileName),
      caBundle: profileCaBundle(this.deps, config, profileName),
    };
  }

  /**
   * Nothing named: core picks the default profile's or the only sso-session. Several: a terminal picks, elsewhere the
   * error's fix names this command (not always `sso login`). None: `sso configure` writes one.
   */
  private async sessionWhenNoneNamed(config: SharedConfig): Promise<{ ssoSession: string } | { profile: string } | undefined> {
    try {
      resolveSsoSession(config, {});
      return undefined;
    } catch (e) {
      if (!isSsoCredsError(e)) throw e;
      if (e.code === "SsoSessionAmbiguous") {
        const { canPrompt } = await import("./interactive/prompts.js");
        if (canPrompt()) return (await import("./interactive/pickProfile.js")).pickSsoSession(this.deps, config);
        const choice = /^sso \S+ (--\S+ \S+)/.exec(e.fix ?? "")?.[1]?.split(" ") ?? [];
        throw new ConfigError(e.message, { code: e.code, fix: this.commandWith(choice) });
      }
      if (e.code === "SsoSessionNotFound" && Object.keys(config.ssoSessions).length === 0) {
        throw new ConfigError(`${tildePath(this.deps, config.configFile)} has no [sso-session] section and no SSO profile.`, {
          code: e.code,
          fix: "sso configure",
        });
      }
      throw e;
    }
  }

  public override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    const debug = this.argv.includes("--debug");
    // oclif's own exits (this.exit, --help, --version) are not errors.
    if (err instanceof Errors.ExitError) throw err;
    const reason = usageReason(err);
    const usage = reason !== undefined;
    let text: string;
    if (usage && !isSsoCredsError(err)) {
      const command = `sso ${(this.id ?? "").replace(/:/g, " ")}`.trim();
      text = `${formatUserLine({ program: "sso", message: /[.!?]$/.test(reason) ? reason : `${reason}.`, fix: `${command} --help` })}\n${debug && err.stack ? `${err.stack}\n` : ""}`;
    } else text = userErrorText(err, debug);
    process.exitCode = usage && !isSsoCredsError(err) ? 2 : exitCodeFor(err);
    if (this.jsonEnabled()) {
      this.logJson({ error: { code: isSsoCredsError(err) ? err.code : err.name, message: oneLine(err.message), fix: isSsoCredsError(err) ? err.fix : undefined } });
    }
    process.stderr.write(text);
    return undefined;
  }
}

/**
 * The reason of a parser error, on one line, or undefined for any other error. oclif's parse errors carry the parse
 * result; a flag's own parse function (an integer out of range) is rethrown as a plain Error "Parsing --port \n\t<reason>",
 * and a flag without its value as a bare CLIError: the reason is kept in each case.
 */
function usageReason(err: Error): string | undefined {
  const message = err.message ?? "";
  const parsing = /^Parsing (--[\w-]+)\s*\n\t([\s\S]*?)(?:\nSee more help with --help)?$/.exec(message);
  if (parsing) return `${parsing[1]}: ${oneLine(parsing[2]!)}`;
  if (err instanceof Errors.CLIError && ("parse" in err || /^Flag --[\w-]+ expects a value$/.test(message))) {
    const text = message.replace(/\nSee more help with --help$/, "").replace(/^The following errors? occurred:\s*/, "");
    return text.replace(/\u001b\[[0-9;]*m/g, "").split("\n").map((l) => l.trim()).filter(Boolean).join("; ");
  }
  return undefined;
}

export { humanDuration } from "./humanDuration.js";
