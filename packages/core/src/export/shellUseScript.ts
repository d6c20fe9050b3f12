import type { RoleCredentials } from "../types.js";
import { CREDENTIAL_ENV_NAMES, credentialEnvVars } from "./credentialEnvVars.js";
import { NESTED_PROFILE_ENV, SHELL_USE_ENV } from "./envForChild.js";
import { quoteFish, quotePowerShell, quoteSh } from "./quote.js";

/** The shells `sso shell-init` supports; bash and zsh share the POSIX syntax. */
export const USE_SHELLS = ["bash", "zsh", "fish", "powershell"] as const;
export type UseShell = (typeof USE_SHELLS)[number];

/** The first line of every script `sso use` prints: the shell function evaluates only output that starts with it. */
export const USE_SCRIPT_HEADER = "# sso-creds use";

/**
 * Removed by `sso use`: a profile variable would make the JS SDK skip env credentials (and botocore's profile
 * differ from them); boto2's AWS_SECURITY_TOKEN would be a second, stale session token.
 */
const CLEARED_ON_USE = ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SECURITY_TOKEN"] as const;

function assign(shell: UseShell, name: string, value: string): string {
  if (shell === "fish") return `set -gx ${name} ${quoteFish(value)}`;
  if (shell === "powershell") return `$Env:${name} = ${quotePowerShell(value)}`;
  return `export ${name}=${quoteSh(value)}`;
}

function remove(shell: UseShell, name: string): string {
  // fish's set keeps the previous status, so an erase of a variable that is not there would fail the whole script.
  if (shell === "fish") return `set -e ${name}; or true`;
  if (shell === "powershell") return `Remove-Item -ErrorAction SilentlyContinue Env:${name}`;
  return `unset ${name}`;
}

function script(lines: string[]): string {
  return [USE_SCRIPT_HEADER, ...lines].join("\n") + "\n";
}

/**
 * What `sso use PROFILE` prints for the shell function to evaluate: the credentials, the profile's region (when it
 * has one), SSO_CREDS_PROFILE and SSO_CREDS_USE naming the profile (for prompts), and no profile variables.
 * Every value is quoted for its shell. `env` is the shell's: where the previous `sso use` set the region (its marker
 * is there) and this profile has none, that region goes, as `sso use --unset` would remove it.
 */
export function shellUseScript(
  shell: UseShell,
  creds: RoleCredentials,
  options: { profile: string; region?: string | undefined; env?: Record<string, string | undefined> | undefined },
): string {
  const vars = credentialEnvVars(creds, options.region);
  const set = new Set(vars.map(([n]) => n));
  // A profile without an account id in its credentials must not keep the previous profile's; nor its region.
  const stale = [...(set.has("AWS_ACCOUNT_ID") ? [] : ["AWS_ACCOUNT_ID"]), ...(set.has("AWS_REGION") || !options.env?.[SHELL_USE_ENV] ? [] : ["AWS_REGION", "AWS_DEFAULT_REGION"])];
  const lines = [...CLEARED_ON_USE, ...stale].map((n) => remove(shell, n));
  for (const [name, value] of vars) lines.push(assign(shell, name, value));
  lines.push(assign(shell, NESTED_PROFILE_ENV, options.profile), assign(shell, SHELL_USE_ENV, options.profile));
  return script(lines);
}

/**
 * What `sso use --unset` prints: removes every credential variable and the marker. The region too, but only where
 * `sso use` set it (the marker is there), so a region of the user's own survives clearing credentials from `sso env`.
 */
export function shellUnsetScript(shell: UseShell, env: Record<string, string | undefined>): string {
  const names: string[] = CREDENTIAL_ENV_NAMES.filter((n) => env[SHELL_USE_ENV] || (n !== "AWS_REGION" && n !== "AWS_DEFAULT_REGION"));
  names.push("AWS_SECURITY_TOKEN", NESTED_PROFILE_ENV, SHELL_USE_ENV);
  return script(names.map((n) => remove(shell, n)));
}
