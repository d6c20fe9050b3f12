import { configFilePath, credentialsFilePath } from "../config/loadSharedConfig.js";
import type { CoreDeps } from "../deps.js";
import { ConfigError } from "../errors.js";
import { tildePath } from "../util/tildePath.js";
import { updateFileLocked } from "../fs/updateFileLocked.js";
import type { SharedFileVariable } from "../fs/unwritableLinkError.js";
import type { RoleCredentials } from "../types.js";
import { removeIniSections, upsertIniSection, type OwnsSection } from "./iniSection.js";

/** A file that was changed, as an undo needs it. */
export interface WrittenProfileFile {
  path: string;
  /** The INI section header written, e.g. "profile ci" or "ci". */
  header: string;
  /** The file did not exist before: undoing the change deletes it (when nothing else is left in it). */
  created: boolean;
}

export interface WriteProfileFilesOptions {
  /** The comment line that marks the sections as ours (a later write may replace them, a cleanup remove them). */
  marker: string;
  /** Which comment lines count as our marker; default: exactly `marker`. */
  owns?: OwnsSection;
  /** Written as the profile's region in the config file; no config section when absent. */
  region?: string | undefined;
  /** Told of each file before it is written, so a failure half-way still leaves a record to clean up. */
  onWrite?: (file: WrittenProfileFile) => void;
  /** What to suggest when a section of that name is the user's own. */
  conflictFix?: string;
  /**
   * The user's own `[profile name]` in the config file: refuse (the default), or keep it as it is and write only the
   * credentials (its settings stay theirs).
   */
  userConfigSection?: "refuse" | "keep";
}

const PROFILE_NAME = /^[\w.@+%:/-]+$/;

/**
 * Write role credentials as a named profile for tools that read only the shared files: `[name]` in the credentials
 * file (aws_access_key_id, aws_secret_access_key, aws_session_token) and, with a region, `[profile name]` in the
 * config file. Each file is edited under its lock and replaced atomically (0600); sections without our marker are
 * never touched, and a name that is one of them is refused.
 */
export async function writeProfileFiles(
  deps: CoreDeps,
  profileName: string,
  creds: RoleCredentials,
  options: WriteProfileFilesOptions,
): Promise<WrittenProfileFile[]> {
  if (!PROFILE_NAME.test(profileName)) {
    throw new ConfigError(`"${profileName}" is not a valid profile name (letters, digits and - _ . @ + % : / only).`, { code: "InvalidProfileName" });
  }
  const written: WrittenProfileFile[] = [];
  const edit = async (path: string, variable: SharedFileVariable, header: string, entries: Array<[string, string]>, keepUserSection = false) => {
    const file = await updateFileLocked(deps, path, (before) => {
      const out = upsertIniSection(before ?? "", header, entries, options.marker, options.owns);
      if ("conflict" in out) {
        if (keepUserSection) return { result: undefined };
        throw new ConfigError(`${tildePath(deps, path)} already has a [${header}] section of your own; it is left alone.`, {
          code: "ProfileExists",
          fix: options.conflictFix ?? "choose another profile name",
        });
      }
      const file = { path, header, created: before === undefined };
      options.onWrite?.(file);
      return { text: out.text, result: file };
    }, { variable });
    if (file) written.push(file);
  };
  await edit(credentialsFilePath(deps), "AWS_SHARED_CREDENTIALS_FILE", profileName, [
    ["aws_access_key_id", creds.accessKeyId],
    ["aws_secret_access_key", creds.secretAccessKey],
    ["aws_session_token", creds.sessionToken],
  ]);
  if (options.region) {
    const header = profileName === "default" ? "default" : `profile ${profileName}`;
    await edit(configFilePath(deps), "AWS_CONFIG_FILE", header, [["region", options.region]], options.userConfigSection === "keep");
  }
  return written;
}

/**
 * Remove our sections from the credentials and config files: those `which(header, marker)` selects. A file that
 * held nothing else and was created by us (`created` paths) is deleted. Returns the headers removed per file.
 */
export async function removeProfileSections(
  deps: CoreDeps,
  owns: OwnsSection,
  which: (header: string, marker: string) => boolean,
  options: { paths?: string[]; created?: ReadonlySet<string> } = {},
): Promise<Array<{ path: string; removed: string[] }>> {
  const out: Array<{ path: string; removed: string[] }> = [];
  for (const path of options.paths ?? [credentialsFilePath(deps), configFilePath(deps)]) {
    if ((await readIfExists(deps, path)) === undefined) continue;
    const removed = await updateFileLocked(deps, path, (text) => {
      if (text === undefined) return { result: [] };
      const after = removeIniSections(text, owns, which);
      if (after.removed.length === 0) return { result: [] };
      return { text: options.created?.has(path) && after.text.trim() === "" ? null : after.text, result: after.removed };
    }, { variable: path === credentialsFilePath(deps) ? "AWS_SHARED_CREDENTIALS_FILE" : "AWS_CONFIG_FILE" });
    if (removed.length > 0) out.push({ path, removed });
  }
  return out;
}

async function readIfExists(deps: Pick<CoreDeps, "fs">, path: string): Promise<string | undefined> {
  try {
    return await deps.fs.readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}
