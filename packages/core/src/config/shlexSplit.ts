/**
 * Python's `shlex.split(s)` (POSIX mode, no comments): botocore splits `[profile NAME]`, `[sso-session NAME]` and
 * `[services NAME]` headers with it, so quotes group words and a backslash escapes. Undefined where shlex raises
 * ValueError (an unclosed quote, a trailing backslash).
 */
export function shlexSplit(s: string): string[] | undefined {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === " " || c === "\t" || c === "\r" || c === "\n") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === "\\") {
      if (i + 1 >= s.length) return undefined;
      word += s[i + 1];
      i += 2;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word += s.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      // Inside double quotes a backslash escapes only `"` and `\`; before anything else it stays.
      for (i++; ; ) {
        if (i >= s.length) return undefined;
        const d = s[i]!;
        if (d === '"') {
          i++;
          break;
        }
        if (d === "\\" && (s[i + 1] === '"' || s[i + 1] === "\\")) {
          word += s[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
    } else {
      word += c;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
