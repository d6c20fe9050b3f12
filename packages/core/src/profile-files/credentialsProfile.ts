import type { SharedConfig } from "../config/loadSharedConfig.js";
import type { CoreDeps } from "../deps.js";
import { ConfigError } from "../errors.js";
import { shellQuote } from "../util/shellQuote.js";
import { tildePath } from "../util/tildePath.js";
import type { RoleCredentials, SsoSession } from "../types.js";
import type { OwnsSection } from "./iniSection.js";
import { removeProfileSections, writeProfileFiles, type WrittenProfileFile } from "./profileFiles.js";

/**
 * `sso env --write-credentials NAME`: role credentials as a static profile in ~/.aws/credentials, for tools that
 * read only the shared files. The section is marked with the sso-session its token came from, so `sso logout`
 * for that session (or `--all`) removes it, and a later write replaces it.
 */
const MARKER_PREFIX = "# written by `sso env --write-credentials` for ";

/** Keys that make a profile get credentials some other way: static keys beside them would clash between SDKs. */
const SOURCE_KEYS = ["sso_session", "sso_start_url", "sso_account_id", "sso_role_name", "role_arn", "source_profile", "credential_source", "credential_process", "web_identity_token_file"];

export const ownsCredentialsProfile: OwnsSection = (line) => line.startsWith(MARKER_PREFIX);

function sessionTag(session: Pick<SsoSession, "name" | "startUrl">): string {
  return session.name !== undefined ? `sso-session ${JSON.stringify(session.name)}` : `start URL ${JSON.stringify(session.startUrl)}`;
}

function marker(session: SsoSession, expiration: number): string {
  return `${MARKER_PREFIX}${sessionTag(session)}; expires ${new Date(expiration).toISOString()}; \`sso logout\` removes it`;
}

export interface WriteCredentialsProfileOptions {
  /** The profile the credentials are for (refused as the target name). */
  sourceProfile: string;
  /** The sso-session whose token they came from (the chain's, for a role profile). */
  session: SsoSession;
  /** Also written as `region` in the config file, unless the user has their own section there. */
  region: string | undefined;
}

export async function writeCredentialsProfile(
  deps: CoreDeps,
  config: SharedConfig,
  name: string,
  creds: RoleCredentials,
  options: WriteCredentialsProfileOptions,
): Promise<WrittenProfileFile[]> {
  const suggestion = `sso env --profile ${shellQuote(options.sourceProfile)} --write-credentials ${shellQuote(`${options.sourceProfile}-static`)}`;
  if (name === options.sourceProfile) {
    throw new ConfigError(`--write-credentials ${name} would put static keys into the profile they come from.`, { code: "ProfileExists", fix: suggestion });
  }
  const existing = config.profiles[name];
  const clashing = existing ? SOURCE_KEYS.filter((k) => existing[k] !== undefined) : [];
  if (clashing.length > 0) {
    throw new ConfigError(
      `Profile ${name} already gets credentials from ${clashing.join(", ")}; static keys beside them are resolved differently by botocore and the JS SDK.`,
      { code: "ProfileExists", fix: suggestion },
    );
  }
  return writeProfileFiles(deps, name, creds, {
    marker: marker(options.session, creds.expiration),
    owns: ownsCredentialsProfile,
    region: options.region,
    // The user's own [profile NAME] in the config keeps its settings; we add only the credentials.
    userConfigSection: "keep",
    conflictFix: `${suggestion}, or remove [${name}] from ${tildePath(deps, config.credentialsFile)} yourself`,
  });
}

/** For `sso logout`: remove the sections `sso env --write-credentials` wrote for this session (or for any, with `all`). */
export async function removeCredentialsProfiles(
  deps: CoreDeps,
  which: { all: true } | { session: Pick<SsoSession, "name" | "startUrl"> },
): Promise<Array<{ path: string; removed: string[] }>> {
  const tag = "session" in which ? `${MARKER_PREFIX}${sessionTag(which.session)};` : MARKER_PREFIX;
  return removeProfileSections(deps, ownsCredentialsProfile, (_header, m) => m.startsWith(tag));
}
