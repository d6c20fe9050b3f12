import { ConfigError } from "../errors.js";
import { credentialProcessConflicts, isSsoProfile } from "./isSsoProfile.js";
import type { SharedConfig } from "./loadSharedConfig.js";
import { sectionHeader } from "./sectionHeader.js";

/** The profile a `credential_process` line hands to sso-credential-process, if it runs it at all. */
export function credentialProcessTarget(commandLine: string): string | undefined {
  const words = commandLine.match(/"[^"]*"|'[^']*'|\S+/g)?.map((w) => w.replace(/^(["'])(.*)\1$/, "$2")) ?? [];
  const command = words[0]?.split(/[\\/]/).pop() ?? "";
  if (!/^sso-credential-process(\.m?js|\.cmd)?$/.test(command)) return undefined;
  for (let i = 1; i < words.length; i++) {
    if (words[i] === "--profile") return words[i + 1];
    if (words[i]!.startsWith("--profile=")) return words[i]!.slice("--profile=".length);
  }
  return undefined;
}

/**
 * What sso-credential-process checks before serving a profile:
 * - its `credential_process` runs sso-credential-process for the same profile, which has no sso_* settings of its
 *   own: the shim would be asked for itself (a loop in tools that follow the chain);
 * - it mixes `credential_process` with sso_* keys that point elsewhere: botocore and the AWS CLI use the sso_* keys,
 *   the JS SDK runs the process, so two tools get different credentials.
 * A profile whose credential_process runs the shim for itself and that also has the sso_* keys is fine: both
 * readings give the same credentials.
 */
export function checkCredentialProcessProfile(config: SharedConfig, profileName: string): void {
  const profile = config.profiles[profileName];
  const process = profile?.credential_process;
  if (typeof process !== "string") return;
  const header = sectionHeader(profileName);
  const target = credentialProcessTarget(process);
  const own = `${profileName}-sso`;
  if (target === profileName && !isSsoProfile(profile) && typeof profile?.role_arn !== "string") {
    throw new ConfigError(
      `${header} in ${config.configFile} has credential_process = sso-credential-process --profile ${profileName}, which asks for itself: the profile has no sso_session, sso_account_id or sso_role_name to get credentials from.`,
      { code: "CredentialProcessLoop", fix: `add [profile ${own}] with sso_session, sso_account_id and sso_role_name, and set credential_process = sso-credential-process --profile ${own} under ${header}` },
    );
  }
  const conflicts = credentialProcessConflicts(profile);
  if (conflicts.length > 0 && target !== profileName) {
    throw new ConfigError(
      `${header} in ${config.configFile} has both credential_process and ${conflicts.join(", ")}: botocore and the AWS CLI use the sso_* settings, the JS SDK runs credential_process, so tools would get different credentials.`,
      { code: "CredentialProcessConflict", fix: `move ${conflicts.join(", ")} to [profile ${own}] and set credential_process = sso-credential-process --profile ${own} under ${header}` },
    );
  }
}
