import { describe, expect, it } from "vitest";
import { removeIniSections, upsertIniSection } from "./iniSection.js";

const MARK = "# written by a test; remove me freely";

describe("upsertIniSection / removeIniSections", () => {
  const user = "# mine\n[default]\nregion = eu-west-1\n\n[profile dev]\nsso_session = x\n";
  const owns = (line: string) => line === MARK;

  it("appends a marked section and removes exactly it again", () => {
    const out = upsertIniSection(user, "profile ci", [["region", "us-east-1"]], MARK);
    expect(out).toEqual({ text: `${user}\n[profile ci]\n${MARK}\nregion = us-east-1\n` });
    if (!("text" in out)) throw new Error("conflict");
    expect(removeIniSections(out.text, owns, (h) => h === "profile ci")).toEqual({ text: `${user}\n`, removed: ["profile ci"] });
  });

  it("replaces its own section on a second run", () => {
    const first = upsertIniSection("", "ci", [["aws_access_key_id", "A"]], MARK);
    if (!("text" in first)) throw new Error("conflict");
    const second = upsertIniSection(first.text, "ci", [["aws_access_key_id", "B"]], MARK);
    expect(second).toEqual({ text: `[ci]\n${MARK}\naws_access_key_id = B\n` });
  });

  it("refuses to overwrite a section the user wrote, and never removes it", () => {
    expect(upsertIniSection(user, "profile dev", [["region", "x"]], MARK)).toEqual({ conflict: true });
    expect(removeIniSections(user, owns, () => true)).toEqual({ text: user, removed: [] });
    expect(upsertIniSection(user, "default", [["region", "x"]], MARK)).toEqual({ conflict: true });
  });

  it("keeps CRLF line endings", () => {
    const out = upsertIniSection("[a]\r\nk = v\r\n", "b", [["k", "w"]], MARK);
    expect(out).toEqual({ text: `[a]\r\nk = v\r\n\r\n[b]\r\n${MARK}\r\nk = w\r\n` });
  });

  it("selects sections by their marker: one session's sections go, another's and the user's stay", () => {
    const mark = (s: string) => `# written by test for ${s}`;
    const ownsAny = (line: string) => line.startsWith("# written by test for ");
    let text = user;
    for (const [name, s] of [["a", "one"], ["b", "two"], ["c", "one"]] as const) {
      const out = upsertIniSection(text, name, [["k", name]], mark(s), ownsAny);
      if (!("text" in out)) throw new Error("conflict");
      text = out.text;
    }
    // Another session's marker is still ours: a new write for "b" replaces it rather than conflicting.
    expect("text" in upsertIniSection(text, "b", [["k", "b2"]], mark("one"), ownsAny)).toBe(true);
    const after = removeIniSections(text, ownsAny, (_h, m) => m === mark("one"));
    expect(after.removed).toEqual(["a", "c"]);
    expect(after.text).toBe(`${user}\n[b]\n${mark("two")}\nk = b\n\n`);
  });
});
