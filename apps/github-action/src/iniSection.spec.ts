import { describe, expect, it } from "vitest";
import { ACTION_MARKER, removeIniSection, upsertIniSection } from "./iniSection.js";

describe("upsertIniSection / removeIniSection", () => {
  const user = "# mine\n[default]\nregion = eu-west-1\n\n[profile dev]\nsso_session = x\n";

  it("appends a marked section and removes exactly it again", () => {
    const out = upsertIniSection(user, "profile ci", [["region", "us-east-1"]]);
    expect(out).toEqual({ text: `${user}\n[profile ci]\n${ACTION_MARKER}\nregion = us-east-1\n` });
    if (!("text" in out)) throw new Error("conflict");
    expect(removeIniSection(out.text, "profile ci")).toBe(`${user}\n`);
  });

  it("replaces its own section on a second run", () => {
    const first = upsertIniSection("", "ci", [["aws_access_key_id", "A"]]);
    if (!("text" in first)) throw new Error("conflict");
    const second = upsertIniSection(first.text, "ci", [["aws_access_key_id", "B"]]);
    expect(second).toEqual({ text: `[ci]\n${ACTION_MARKER}\naws_access_key_id = B\n` });
  });

  it("refuses to overwrite a section the user wrote, and never removes it", () => {
    expect(upsertIniSection(user, "profile dev", [["region", "x"]])).toEqual({ conflict: true });
    expect(removeIniSection(user, "profile dev")).toBe(user);
    expect(upsertIniSection(user, "default", [["region", "x"]])).toEqual({ conflict: true });
  });

  it("keeps CRLF line endings", () => {
    const out = upsertIniSection("[a]\r\nk = v\r\n", "b", [["k", "w"]]);
    expect(out).toEqual({ text: `[a]\r\nk = v\r\n\r\n[b]\r\n${ACTION_MARKER}\r\nk = w\r\n` });
  });
});
