import type { CoreDeps } from "../deps.js";
import { ConfigError } from "../errors.js";
import { updateFileLocked } from "../fs/updateFileLocked.js";
import { isManaged, MANAGED_KEY, parseConfigSections, splitLines, type ConfigSection } from "./configSections.js";
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
  /** Profiles we wrote earlier for the same sso-session that the plan no longer has (role removed): kept, reported. */
  stale: string[];
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
  options: { dryRun?: boolean } = {},
): Promise<WriteProfilesSummary> {
  const plan = (before: string) => {
    const { text, summary } = applyProfiles(before, planned);
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
    { readError: (e) => readConfigError(configFile, e) },
  );
}

/** The pure edit: new text plus what happened to each planned profile. */
export function applyProfiles(before: string, planned: readonly PlannedProfile[]): { text: string; summary: Omit<WriteProfilesSummary, "written"> } {
  const eol = /\r\n/.test(before) ? "\r\n" : "\n";
  const lines = splitLines(before);
  const sections = parseConfigSections(lines);
  const byName = new Map<string, ConfigSection[]>();
  for (const s of sections) if (s.kind === "profile") byName.set(s.name, [...(byName.get(s.name) ?? []), s]);

  const summary: Omit<WriteProfilesSummary, "written"> = { added: [], updated: [], unchanged: [], conflicts: [], stale: [] };
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
  const plannedSessions = new Set(planned.map((p) => sessionOf(p.keys)));
  for (const s of sections) {
    if (s.kind === "profile" && isManaged(s) && !plannedNames.has(s.name) && plannedSessions.has(s.keys.get("sso_session") ?? s.keys.get("sso_start_url"))) {
      summary.stale.push(s.name);
    }
  }

  const out = [...lines];
  for (const r of replacements.sort((a, b) => b.from - a.from)) out.splice(r.from, r.to - r.from + 1, ...r.lines);
  let text = out.join("");
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

function sessionOf(keys: Array<[string, string]>): string | undefined {
  return keys.find(([k]) => k === "sso_session")?.[1] ?? keys.find(([k]) => k === "sso_start_url")?.[1];
}

async function readConfig(deps: Pick<CoreDeps, "fs">, configFile: string): Promise<string> {
  try {
    return await deps.fs.readFile(configFile, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw readConfigError(configFile, err);
  }
}

function readConfigError(configFile: string, err: unknown): ConfigError {
  return new ConfigError(`Cannot read the config file ${configFile}: ${(err as Error).message}`, { cause: err });
}
