import {
  ConfigError,
  resolveProfileCredentials,
  shellUnsetScript,
  shellUseScript,
  SHELL_USE_ENV,
  SsoCredsError,
  USE_SHELLS,
  type CoreDeps,
  type MfaCodeProvider,
  type UseShell,
} from "@sso-creds/core";
import { SHELL_INIT } from "./shells.js";

/** Set by the `sso shell-init` function for the program it runs, naming the shell that evaluates the output. */
export const USE_SHELL_ENV = "SSO_CREDS_SHELL";

/**
 * The shell to write for: --shell, else the shell function's SSO_CREDS_SHELL. Without either, printing to a
 * terminal would set nothing, so the one line says how to load the function; piped output (`eval "$(sso use dev)"`)
 * gets the syntax of $SHELL.
 */
export function useShell(env: Record<string, string | undefined>, explicit: string | undefined, stdoutIsTty: boolean): UseShell {
  const named = explicit ?? env[USE_SHELL_ENV];
  if (named) {
    if ((USE_SHELLS as readonly string[]).includes(named)) return named as UseShell;
    throw new SsoCredsError(`Unknown shell ${named}; sso use writes for ${USE_SHELLS.join(", ")}.`, { code: "UsageError", fix: "sso use --shell bash" });
  }
  const login = /([^/\\]+?)(\.exe)?$/.exec(env.SHELL ?? "")?.[1] ?? "";
  const guess: UseShell = login === "fish" ? "fish" : login === "zsh" ? "zsh" : login === "pwsh" || login === "powershell" ? "powershell" : "bash";
  if (stdoutIsTty) {
    const { rc, load } = SHELL_INIT[guess];
    throw new ConfigError(`sso use sets variables in the shell that runs it, which needs the sso shell function (not loaded here).`, {
      code: "ShellInitMissing",
      fix: `add \`${load}\` to ${rc} and open a new shell (or run it in this one)`,
    });
  }
  return guess;
}

/**
 * The body of `sso use PROFILE` (kept free of oclif and prompts so a fast path can call it): the script that puts
 * the profile's credentials, region and marker into the calling shell, and the line that tells the user.
 */
export async function useProfile(
  deps: CoreDeps,
  options: { profile: string; shell: UseShell; mfaCode?: MfaCodeProvider },
): Promise<{ script: string; message: string }> {
  // The profile's own region, not AWS_REGION / AWS_DEFAULT_REGION first as env and exec take it: `sso use` switches
  // the shell it runs in, whose AWS_REGION is most often the one the previous `sso use` set, so `sso use dev` then
  // `sso use prod` must leave prod's region, not keep dev's.
  const { region, credentials: creds } = await resolveProfileCredentials(deps, { profile: options.profile, regionFrom: "profile", mfaCode: options.mfaCode });
  const script = shellUseScript(options.shell, creds, { profile: options.profile, region, env: deps.env });
  const where = [creds.accountId ? `account ${creds.accountId}` : "", region ? `region ${region}` : ""].filter(Boolean).join(", ");
  const message = `Using profile ${options.profile}${where ? ` (${where})` : ""} until ${new Date(creds.expiration).toISOString()}; 'sso use --unset' clears it.`;
  return { script, message };
}

/** The body of `sso use --unset`. */
export function unsetProfile(env: Record<string, string | undefined>, shell: UseShell): { script: string; message: string } {
  const was = env[SHELL_USE_ENV];
  return {
    script: shellUnsetScript(shell, env),
    message: was ? `Cleared the credentials of profile ${was} from this shell.` : "Cleared AWS credentials from this shell.",
  };
}
