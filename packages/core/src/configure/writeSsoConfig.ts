import type { CoreDeps } from "../deps.js";
import { ConfigError } from "../errors.js";
import { tildePath } from "../util/tildePath.js";
import { updateFileLocked } from "../fs/updateFileLocked.js";
import { ssoSessionHeader } from "../config/ssoSessionHeader.js";
import { applyProfiles } from "../populate/writeProfiles.js";
import { parseConfigSections, splitLines } from "../populate/configSections.js";
import type { PlannedProfile } from "../populate/planProfiles.js";
import { validateSectionName } from "./validate.js";

/** What `sso configure` (and `sso populate --sso-start-url`) writes: one sso-session and, optionally, one profile. */
export interface SsoConfigSections {
  session: { name: string; startUrl: string; region: string; registrationScopes?: string | undefined };
  profile?: { name: string; accountId: string; roleName: string; accountName?: string | undefined; region?: string | undefined } | undefined;
}

export type SectionChange = "added" | "updated" | "unchanged";

function sessionName(header: string): string | undefined {
  const m = /^sso-session\s+(.+)$/.exec(header);
  if (!m) return undefined;
  const name = m[1]!.trim();
  return /^(["'])(.*)\1$/.exec(name)?.[2] ?? name;
}

function sameUrl(a: string | undefined, b: string): boolean {
  return a !== undefined && a.trim().replace(/\/+$/, "") === b.trim().replace(/\/+$/, "");
}

/**
 * Add `[sso-session NAME]` and `[profile NAME]` to the config file, under its lock, in one atomic write that leaves
 * every other byte alone. A section that is already there with the same settings is left as it is; one with other
 * settings (or a profile written by hand) is refused with nothing written. The profile is marked
 * `sso_creds_managed = true`, like those of `sso populate`, so running either again may update it.
 */
export async function writeSsoConfig(
  deps: Pick<CoreDeps, "fs" | "homedir">,
  configFile: string,
  sections: SsoConfigSections,
): Promise<{ session: SectionChange; profile: SectionChange | undefined; written: boolean }> {
  return updateFileLocked(
    deps,
    configFile,
    (before) => {
      const { text, session, profile } = applySsoConfig(before ?? "", sections, tildePath(deps, configFile));
      const changed = text !== (before ?? "");
      return { text: changed ? text : undefined, result: { session, profile, written: changed } };
    },
    { readError: (e) => new ConfigError(`Cannot read the config file ${configFile}: ${(e as Error).message}`, { cause: e }) },
  );
}

/** The pure edit behind writeSsoConfig; `file` only names the file in errors. */
export function applySsoConfig(before: string, sections: SsoConfigSections, file: string): { text: string; session: SectionChange; profile: SectionChange | undefined } {
  const { session: s, profile: p } = sections;
  const bad = [validateSectionName(s.name, "sso-session"), p && validateSectionName(p.name, "profile")].find(Boolean);
  if (bad) throw new ConfigError(bad, { code: "InvalidProfileName" });
  for (const v of [s.startUrl, s.region, s.registrationScopes ?? ""]) {
    if (/[\r\n]/.test(v)) throw new ConfigError(`Refusing to write a line break into ${file}.`, { code: "InvalidValue" });
  }
  const eol = /\r\n/.test(before) ? "\r\n" : "\n";
  const existing = parseConfigSections(splitLines(before)).filter((x) => x.kind === "other" && sessionName(x.name) === s.name);
  let text = before;
  let session: SectionChange = "unchanged";
  if (existing.length > 0) {
    const ex = existing[0]!;
    if (existing.length > 1 || !sameUrl(ex.keys.get("sso_start_url"), s.startUrl) || ex.keys.get("sso_region")?.trim() !== s.region) {
      throw new ConfigError(
        `${ssoSessionHeader(s.name)} in ${file} has start URL ${ex.keys.get("sso_start_url") ?? "(none)"} and region ${ex.keys.get("sso_region") ?? "(none)"}, not ${s.startUrl} in ${s.region}; it is left alone.`,
        { code: "SsoSessionExists", fix: "choose another sso-session name (--sso-session NAME)" },
      );
    }
  } else {
    const lines = [ssoSessionHeader(s.name), `sso_start_url = ${s.startUrl}`, `sso_region = ${s.region}`, `sso_registration_scopes = ${s.registrationScopes ?? "sso:account:access"}`];
    text = appendBlock(text, lines.join(eol) + eol, eol);
    session = "added";
  }
  if (!p) return { text, session, profile: undefined };
  const keys: Array<[string, string]> = [["sso_session", s.name], ["sso_account_id", p.accountId], ["sso_role_name", p.roleName]];
  if (p.region) keys.push(["region", p.region]);
  const accountName = p.accountName?.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  if (accountName) keys.push(["sso_account_name", accountName]);
  const planned: PlannedProfile = { profileName: p.name, accountId: p.accountId, roleName: p.roleName, keys };
  const out = applyProfiles(text, [planned]);
  const conflict = out.summary.conflicts[0];
  if (conflict) {
    throw new ConfigError(`[profile ${p.name}] in ${file} is ${conflict.reason.replace(/, left unchanged$/, "")}; it is left alone.`, {
      code: "ProfileExists",
      fix: "choose another profile name (--profile-name NAME)",
    });
  }
  const profile: SectionChange = out.summary.added.length ? "added" : out.summary.updated.length ? "updated" : "unchanged";
  return { text: out.text, session, profile };
}

function appendBlock(text: string, block: string, eol: string): string {
  let out = text;
  if (out.length > 0 && !out.endsWith("\n")) out += eol;
  if (out.length > 0 && !/(^|\n)[ \t]*\r?\n$/.test(out)) out += eol;
  return out + block;
}
