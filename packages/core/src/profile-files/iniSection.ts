/**
 * Edits of ~/.aws/config and ~/.aws/credentials that touch only sections a tool marked as its own (a comment line
 * right in the section), leaving every other byte alone, so a user's hand-written profiles are never overwritten
 * or removed.
 */

/** Tells whether a comment line inside a section marks it as written by us. */
export type OwnsSection = (line: string) => boolean;

interface Span {
  header: string;
  /** First line of the section (its header) and the line after its last one. */
  from: number;
  to: number;
  /** The section's marker comment, if it has one we own. */
  marker: string | undefined;
}

/** Lines that keep their terminators, so joining them gives the text back byte for byte. */
function splitLines(text: string): string[] {
  return text.length === 0 ? [] : text.split(/(?<=\n)/);
}

function sections(lines: readonly string[], owns: OwnsSection): Span[] {
  const spans: Span[] = [];
  let current: Span | undefined;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r?\n$/, "");
    const m = /^\[(.+)\]\s*$/.exec(line);
    if (m) {
      current = { header: m[1]!.trim().replace(/\s+/g, " "), from: i, to: i + 1, marker: undefined };
      spans.push(current);
    } else if (current) {
      current.to = i + 1;
      if (current.marker === undefined && owns(line.trim())) current.marker = line.trim();
    }
  });
  return spans;
}

/**
 * Put `[header]` with `marker` and `entries` into an INI text. A section of that name without our marker is the
 * user's: refuse (`conflict`) rather than overwrite it. Our own section of that name is replaced.
 */
export function upsertIniSection(
  text: string,
  header: string,
  entries: ReadonlyArray<readonly [string, string]>,
  marker: string,
  owns: OwnsSection = (line) => line === marker,
): { text: string } | { conflict: true } {
  const lines = splitLines(text);
  const same = sections(lines, owns).filter((s) => s.header === header);
  if (same.some((s) => s.marker === undefined)) return { conflict: true };
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const section = [`[${header}]${eol}`, `${marker}${eol}`, ...entries.map(([k, v]) => `${k} = ${v}${eol}`)];
  let prefix = removeSpans(lines, same).join("");
  if (prefix.length > 0 && !prefix.endsWith("\n")) prefix += eol;
  if (prefix.length > 0 && !/\n\s*\n$/.test(prefix)) prefix += eol;
  return { text: prefix + section.join("") };
}

/** Remove our sections for which `which(header, marker)` holds; the user's own sections stay. */
export function removeIniSections(text: string, owns: OwnsSection, which: (header: string, marker: string) => boolean): { text: string; removed: string[] } {
  const lines = splitLines(text);
  const spans = sections(lines, owns).filter((s) => s.marker !== undefined && which(s.header, s.marker));
  return { text: removeSpans(lines, spans).join(""), removed: spans.map((s) => s.header) };
}

function removeSpans(lines: readonly string[], spans: readonly Span[]): string[] {
  const drop = new Set<number>();
  for (const s of spans) for (let i = s.from; i < s.to; i++) drop.add(i);
  return lines.filter((_, i) => !drop.has(i));
}
