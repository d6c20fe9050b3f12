import type { CoreDeps } from "../deps.js";
import { ConfigError } from "../errors.js";
import { updateFileLocked } from "../fs/updateFileLocked.js";
import { tildePath } from "../util/tildePath.js";
import { configFilePath, loadSharedConfig } from "./loadSharedConfig.js";

const SESSION_NAME = /^[\w.@+%:/-]+$/;

export interface NewSsoSession {
  name: string;
  startUrl: string;
  region: string;
  /** Default sso:account:access, as `aws configure sso` writes it. */
  registrationScopes?: readonly string[] | undefined;
}

/**
 * Add `[sso-session NAME]` to ~/.aws/config as `aws configure sso` writes it, at the end, under the file's lock and
 * atomically; every other byte stays. A session of that name with the same start URL and region is left as it is
 * (`added: false`); one with other settings is the user's and is refused.
 */
export async function addSsoSessionSection(deps: CoreDeps, session: NewSsoSession): Promise<{ path: string; added: boolean }> {
  if (!SESSION_NAME.test(session.name)) {
    throw new ConfigError(`"${session.name}" is not a valid sso-session name (letters, digits and - _ . @ + % : / only).`, { code: "InvalidSessionName" });
  }
  const path = configFilePath(deps);
  const scopes = session.registrationScopes ?? ["sso:account:access"];
  const added = await updateFileLocked(deps, path, async (before) => {
    const existing = before === undefined ? undefined : (await loadSharedConfig(deps)).ssoSessions[session.name];
    if (existing) {
      if (existing.sso_start_url === session.startUrl && existing.sso_region === session.region) return { result: false };
      throw new ConfigError(`${tildePath(deps, path)} already has [sso-session ${session.name}] with other settings; it is left alone.`, {
        code: "SessionExists",
        fix: "choose another name with --sso-session, or edit that section",
      });
    }
    const eol = before?.includes("\r\n") ? "\r\n" : "\n";
    let text = before ?? "";
    if (text !== "" && !text.endsWith("\n")) text += eol;
    if (text !== "" && !/\n\s*\n$/.test(text)) text += eol;
    const lines = [`[sso-session ${session.name}]`, `sso_start_url = ${session.startUrl}`, `sso_region = ${session.region}`];
    if (scopes.length > 0) lines.push(`sso_registration_scopes = ${scopes.join(", ")}`);
    return { text: text + lines.join(eol) + eol, result: true };
  });
  return { path, added };
}
