/** Marks a section this action wrote, so a second run may replace it and the post step may remove it. */
export const ACTION_MARKER = "# written by the sso-creds GitHub Action; its post step removes this section";

interface Span {
  /** First line of the section (its header) and the line after its last one. */
  from: number;
  to: number;
  ours: boolean;
}

/** Lines that keep their terminators, so joining them gives the text back byte for byte. */
function splitLines(text: string): string[] {
  return text.length === 0 ? [] : text.split(/(?<=\n)/);
}

function findSections(lines: readonly string[], header: string): Span[] {
  const spans: Span[] = [];
  let current: Span | undefined;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r?\n$/, "");
    const m = /^\[(.+)\]\s*$/.exec(line);
    if (m) {
      current = m[1]!.trim().replace(/\s+/g, " ") === header ? { from: i, to: i + 1, ours: false } : undefined;
      if (current) spans.push(current);
    } else if (current) {
      current.to = i + 1;
      if (line.trim() === ACTION_MARKER) current.ours = true;
    }
  });
  return spans;
}

/**
 * Put `[header]` with `entries` into an INI text, leaving every other byte alone. A section of that name the
 * action did not write is the user's: refuse rather than overwrite it (the post step would then delete it).
 */
export function upsertIniSection(text: string, header: string, entries: ReadonlyArray<[string, string]>): { text: string } | { conflict: true } {
  const lines = splitLines(text);
  const spans = findSections(lines, header);
  if (spans.some((s) => !s.ours)) return { conflict: true };
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const section = [`[${header}]${eol}`, `${ACTION_MARKER}${eol}`, ...entries.map(([k, v]) => `${k} = ${v}${eol}`)];
  const kept = removeSpans(lines, spans);
  let prefix = kept.join("");
  if (prefix.length > 0 && !prefix.endsWith("\n")) prefix += eol;
  if (prefix.length > 0 && !/\n\s*\n$/.test(prefix)) prefix += eol;
  return { text: prefix + section.join("") };
}

/** Remove the `[header]` sections this action wrote; the user's own sections stay. */
export function removeIniSection(text: string, header: string): string {
  const lines = splitLines(text);
  return removeSpans(lines, findSections(lines, header).filter((s) => s.ours)).join("");
}

function removeSpans(lines: readonly string[], spans: readonly Span[]): string[] {
  const drop = new Set<number>();
  for (const s of spans) for (let i = s.from; i < s.to; i++) drop.add(i);
  return lines.filter((_, i) => !drop.has(i));
}
