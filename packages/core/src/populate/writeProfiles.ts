import type { CoreDeps } from "../deps.js";
import { ConfigError } from "../errors.js";
import { unreadableFileError } from "../fs/unreadableFileError.js";
import { updateFileLocked } from "../fs/updateFileLocked.js";
import { isManaged, MANAGED_KEY, parseConfigSections, splitLines, type ConfigFileSection } from "./configSections.js";
import type { PlannedProfile } from "./planProfiles.js";

export interface ProfileConflict {
  profileName: string;
  reason: string;
}

export interface WriteProfilesSummary {
  added: string[];
  updated: string[];
  unchanged: string[];
  /** Profiles the plan wanted but the user already wrote by hand: left exactly as they are. */
  conflicts: ProfileConflict[];
  /** Profiles we wrote earlier for the same sso-session that the plan no longer has (role removed, or renamed): kept, reported. */
  stale: string[];
  /** With `prune`: our marked sections of the same sso-session for accounts or roles the user no longer has, removed. */
  removed: string[];
  /** False for a dry run and when nothing changed (the file is then not touched at all). */
  written: boolean;
}

/**
 * Add and update `[profile …]` sections in the config file by editing its text: every byte outside the
 * sections we write (comments, order, blank lines, other profiles) stays as it was. Only sections that
 * carry `sso_creds_managed = true` are rewritten; running it again with the same plan changes nothing.
 */
export async function writeProfiles(
  deps: Pick<CoreDeps, "fs" | "homedir">,
  configFile: string,
  planned: readonly PlannedProfile[],
  options: { dryRun?: boolean } & ApplyProfilesOptions = {},
): Promise<WriteProfilesSummary> {
  const plan = (before: string) => {
    const { text, summary } = applyProfiles(before, planned, options);
    return { text, summary, changed: text !== before };
  };
  if (options.dryRun) {
    const { summary } = plan(await readConfig(deps, configFile));
    return { ...summary, written: false };
  }
  // Under the config file's lock, as `sso env --write-credentials` edits it: a concurrent writer's sections survive.
  return updateFileLocked(
    deps,
    configFile,
    (before) => {
      const { text, summary, changed } = plan(before ?? "");
      return { text: changed ? text : undefined, result: { ...summary, written: changed } };
    },
  );
}

export interface ApplyProfilesOptions {
  /**
   * The sso-session the plan was made for (`sso_session` value, or the start URL of a legacy session): marked sections
   * of it the plan no longer has are stale even when the plan is empty (the user lost every role).
   */
  session?: string | undefined;
  /** Which of our sections the plan speaks for (a `--filter`): others are neither stale nor pruned. Default all. */
  inScope?: (section: { accountId: string; accountName: string | undefined; roleName: string }) => boolean;
  /** Remove stale sections whose account and role the plan no longer has (they were ours: marked sso_creds_managed). */
  prune?: boolean;
}

/** The pure edit: new text plus what happened to each planned profile. */
export function applyProfiles(
  before: string,
  planned: readonly PlannedProfile[],
  options: ApplyProfilesOptions = {},
): { text: string; summary: Omit<WriteProfilesSummary, "written"> } {
  const eol = /\r\n/.test(before) ? "\r\n" : "\n";
  const lines = splitLines(before);
  const sections = parseConfigSections(lines);
  const byName = new Map<string, ConfigFileSection[]>();
  for (const s of sections) if (s.kind === "profile") byName.set(s.name, [...(byName.get(s.name) ?? []), s]);

  const summary: Omit<WriteProfilesSummary, "written"> = { added: [], updated: [], unchanged: [], conflicts: [], stale: [], removed: [] };
  const replacements: Array<{ from: number; to: number; lines: string[] }> = [];
  const appended: string[] = [];

  for (const profile of planned) {
    const rendered = renderSection(profile, eol);
    const existing = byName.get(profile.profileName) ?? [];
    if (existing.length === 0) {
      appended.push(rendered.join(""));
      summary.added.push(profile.profileName);
    } else if (existing.length > 1) {
      summary.conflicts.push({ profileName: profile.profileName, reason: `defined ${existing.length} times in the config file` });
    } else if (!isManaged(existing[0]!)) {
      summary.conflicts.push({ profileName: profile.profileName, reason: `written by hand (no ${MANAGED_KEY} = true), left unchanged` });
    } else {
      const section = existing[0]!;
      const current = lines.slice(section.headerLine, section.lastContentLine + 1);
      const wanted = withLastTerminator(rendered, current);
      if (current.join("") === wanted.join("")) summary.unchanged.push(profile.profileName);
      else {
        replacements.push({ from: section.headerLine, to: section.lastContentLine, lines: wanted });
        summary.updated.push(profile.profileName);
      }
    }
  }

  const plannedNames = new Set(planned.map((p) => p.profileName));
  const plannedRoles = new Set(planned.map((p) => `${p.accountId}/${p.roleName}`));
  const plannedSessions = new Set([...planned.map((p) => sessionOf(p.keys)), ...(options.session ? [options.session] : [])]);
  for (const s of sections) {
    if (s.kind !== "profile" || !isManaged(s) || plannedNames.has(s.name) || !plannedSessions.has(s.keys.get("sso_session") ?? s.keys.get("sso_start_url"))) continue;
    const accountId = s.keys.get("sso_account_id")?.trim() ?? "";
    const roleName = s.keys.get("sso_role_name")?.trim() ?? "";
    if (options.inScope && !options.inScope({ accountId, accountName: s.keys.get("sso_account_name")?.trim(), roleName })) continue;
    // A role the user still has, under another name (a new --prefix or template), is reported, never pruned.
    if (options.prune && accountId && roleName && !plannedRoles.has(`${accountId}/${roleName}`) && byName.get(s.name)?.length === 1) {
      summary.removed.push(s.name);
      replacements.push({ from: s.headerLine, to: blankLinesAfter(lines, s.lastContentLine), lines: [] });
    } else summary.stale.push(s.name);
  }

  const out = [...lines];
  for (const r of replacements.sort((a, b) => b.from - a.from)) out.splice(r.from, r.to - r.from + 1, ...r.lines);
  let text = out.join("");
  // Removing the last sections leaves their separating blank lines at the end: keep the file's own ending.
  if (summary.removed.length > 0 && !/\n[ \t]*\r?\n$/.test(before)) text = text.replace(/(\r?\n)(?:[ \t]*\r?\n)+$/, "$1");
  if (appended.length > 0) {
    if (text.length > 0 && !text.endsWith("\n")) text += eol;
    if (text.length > 0 && !/(^|\n)[ \t]*\r?\n$/.test(text)) text += eol;
    text += appended.join(eol);
  }
  return { text, summary };
}

function renderSection(profile: PlannedProfile, eol: string): string[] {
  for (const [key, value] of profile.keys) {
    if (/[\r\n]/.test(key + value)) throw new ConfigError(`Refusing to write a line break into ${key} of profile ${profile.profileName}.`);
  }
  return [`[profile ${profile.profileName}]`, ...profile.keys.map(([k, v]) => `${k} = ${v}`), `${MANAGED_KEY} = true`].map((l) => l + eol);
}

/** A section at the very end of a file without a final newline stays without one, so an unchanged section compares equal. */
function withLastTerminator(rendered: string[], current: string[]): string[] {
  const last = current[current.length - 1] ?? "";
  if (/\n$/.test(last)) return rendered;
  const copy = [...rendered];
  copy[copy.length - 1] = copy[copy.length - 1]!.replace(/\r?\n$/, "");
  return copy;
}

/** The last of the blank lines right after a section, so removing a section leaves one separator, not two. */
function blankLinesAfter(lines: readonly string[], last: number): number {
  let end = last;
  while (end + 1 < lines.length && lines[end + 1]!.trim() === "") end++;
  return end;
}

function sessionOf(keys: Array<[string, string]>): string | undefined {
  return keys.find(([k]) => k === "sso_session")?.[1] ?? keys.find(([k]) => k === "sso_start_url")?.[1];
}

async function readConfig(deps: Pick<CoreDeps, "fs" | "homedir">, configFile: string): Promise<string> {
  try {
    return await deps.fs.readFile(configFile, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw await unreadableFileError(deps, configFile, err);
  }
}
