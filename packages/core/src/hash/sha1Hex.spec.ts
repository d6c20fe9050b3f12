import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha1Hex } from "./sha1Hex.js";

describe("sha1Hex", () => {
  it("matches node:crypto for ASCII, unicode, astral, lone-surrogate-free random strings and block boundaries", () => {
    const samples = ["", "abc", "my-sso", "https://d-0123456789.awsapps.com/start", "ünïcødé session", "😀 emoji/#slash"];
    for (let len = 50; len < 140; len++) samples.push("x".repeat(len)); // the 55/56/64-byte padding edges, two blocks
    samples.push("é".repeat(70_000)); // many blocks, a bit length past 2^20
    for (let i = 0; i < 300; i++) {
      const n = Math.floor(Math.random() * 200);
      let s = "";
      for (let j = 0; j < n; j++) s += String.fromCodePoint(Math.floor(Math.random() * 0xd7ff));
      samples.push(s);
    }
    for (const s of samples) expect(sha1Hex(s), JSON.stringify(s)).toBe(createHash("sha1").update(s, "utf8").digest("hex"));
  });
});
