import { join } from "node:path";
import { SsoCredsError, writeFileAtomic, type CoreDeps, type RoleCredentials } from "@sso-creds/core";
import { removeIniSection, upsertIniSection } from "./iniSection.js";

/** A file the action changed, as the post step needs it to undo the change. */
export interface WrittenFile {
  path: string;
  /** The INI section header the action wrote, e.g. "profile ci" or "ci". */
  header: string;
  /** The file did not exist before: the post step deletes it. */
  created: boolean;
}

/** Where the SDKs look for the shared files: the env overrides first, else ~/.aws. */
export function sharedFilePaths(deps: Pick<CoreDeps, "env" | "homedir">): { configFile: string; credentialsFile: string } {
  const aws = join(deps.homedir(), ".aws");
  return {
    configFile: deps.env.AWS_CONFIG_FILE || join(aws, "config"),
    credentialsFile: deps.env.AWS_SHARED_CREDENTIALS_FILE || join(aws, "credentials"),
  };
}

/**
 * Write the credentials as a named profile for tools that read only the shared files. `onWrite` hears of each
 * file before it is written, so a failure half-way still leaves the post step a record to clean up.
 */
export async function writeProfileFiles(
  deps: Pick<CoreDeps, "env" | "homedir" | "fs">,
  profileName: string,
  creds: RoleCredentials,
  region: string,
  onWrite: (file: WrittenFile) => void,
): Promise<void> {
  if (!/^[\w.@+%:/-]+$/.test(profileName)) {
    throw new SsoCredsError(`Input profile-name "${profileName}" is not a valid profile name (letters, digits and - _ . @ + % : / only).`, { code: "InvalidInput" });
  }
  const { configFile, credentialsFile } = sharedFilePaths(deps);
  await edit(deps, credentialsFile, profileName, [
    ["aws_access_key_id", creds.accessKeyId],
    ["aws_secret_access_key", creds.secretAccessKey],
    ["aws_session_token", creds.sessionToken],
  ], onWrite);
  await edit(deps, configFile, profileName === "default" ? "default" : `profile ${profileName}`, [["region", region]], onWrite);
}

async function edit(
  deps: Pick<CoreDeps, "fs">,
  path: string,
  header: string,
  entries: Array<[string, string]>,
  onWrite: (file: WrittenFile) => void,
): Promise<void> {
  const before = await readIfExists(deps, path);
  const out = upsertIniSection(before ?? "", header, entries);
  if ("conflict" in out) {
    throw new SsoCredsError(`${path} already has a [${header}] section this action did not write; it is left alone.`, {
      code: "ProfileExists",
      fix: "choose another profile-name",
    });
  }
  onWrite({ path, header, created: before === undefined });
  await writeFileAtomic(deps, path, out.text);
}

/** Undo one write: remove the section, and the file too when the action created it and nothing else is left. */
export async function removeProfileFile(deps: Pick<CoreDeps, "fs">, file: WrittenFile): Promise<void> {
  const text = await readIfExists(deps, file.path);
  if (text === undefined) return;
  const after = removeIniSection(text, file.header);
  if (file.created && after.trim() === "") await deps.fs.rm(file.path, { force: true });
  else if (after !== text) await writeFileAtomic(deps, file.path, after);
}

async function readIfExists(deps: Pick<CoreDeps, "fs">, path: string): Promise<string | undefined> {
  try {
    return await deps.fs.readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}
