/** Marks a `[profile …]` section `sso populate` wrote and may rewrite; without it a section is the user's. */
export const MANAGED_KEY = "sso_creds_managed";

/** A section of a config file as line indexes, so edits can splice lines and leave every other byte alone. */
export interface ConfigFileSection {
  /** "profile" for `[profile NAME]` and `[default]`; "other" for sso-session, services, and anything else. */
  kind: "profile" | "other";
  /** The profile name as botocore reads it; the raw header text for other sections. */
  name: string;
  headerLine: number;
  /** The last line holding a key, value or continuation; trailing blank and comment lines belong to what follows. */
  lastContentLine: number;
  /** Keys as written (lower-cased, as botocore reads them), first value wins. */
  keys: Map<string, string>;
}

/** Split text into lines that keep their terminators, so joining them gives the text back byte for byte. */
export function splitLines(text: string): string[] {
  return text.length === 0 ? [] : text.split(/(?<=\n)/);
}

/** Find the sections of an AWS config file the way botocore's configparser delimits them. */
export function parseConfigSections(lines: readonly string[]): ConfigFileSection[] {
  const sections: ConfigFileSection[] = [];
  let current: ConfigFileSection | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r?\n$/, "");
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith(";")) continue;
    const indented = /^\s/.test(line);
    const header = indented ? null : /^\[(.+)\]/.exec(trimmed);
    if (header) {
      current = { ...sectionName(header[1]!.trim()), headerLine: i, lastContentLine: i, keys: new Map() };
      sections.push(current);
      continue;
    }
    if (!current) continue;
    current.lastContentLine = i;
    if (!indented) {
      const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(trimmed);
      if (kv) {
        const key = kv[1]!.toLowerCase();
        if (!current.keys.has(key)) current.keys.set(key, kv[2]!);
      }
    }
  }
  return sections;
}

function sectionName(header: string): { kind: "profile" | "other"; name: string } {
  if (header === "default") return { kind: "profile", name: "default" };
  const m = /^profile\s+(.+)$/.exec(header);
  if (!m) return { kind: "other", name: header };
  const name = m[1]!.trim();
  const quoted = /^(["'])(.*)\1$/.exec(name);
  return { kind: "profile", name: quoted ? quoted[2]! : name };
}

export function isManaged(section: ConfigFileSection): boolean {
  return section.keys.get(MANAGED_KEY)?.trim().toLowerCase() === "true";
}
