import { validateHeaderValue } from "node:http";
import { describe, expect, it } from "vitest";
import { isHeaderSafe } from "./isHeaderSafe.js";

function nodeAccepts(value: string): boolean {
  try {
    validateHeaderValue("x-amz-sso_bearer_token", value);
    return true;
  } catch {
    return false;
  }
}

describe("isHeaderSafe", () => {
  it("agrees with Node's own header check on every code unit below U+0200 and on random strings", () => {
    for (let c = 0; c < 0x200; c++) expect(isHeaderSafe(`aoa${String.fromCharCode(c)}x`), `U+${c.toString(16)}`).toBe(nodeAccepts(`aoa${String.fromCharCode(c)}x`));
    const pool = ["a", "Z", "0", "+", "/", "=", " ", "\t", "\r", "\n", "\u0000", "\u007f", "\u00e9", "\u00ff", "\u0100", "\u20ac", "\ud83d\ude00"];
    let seed = 17;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const value = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pool[Math.floor(next() * pool.length)]).join("");
      expect(isHeaderSafe(value), JSON.stringify(value)).toBe(nodeAccepts(value));
    }
  });
});
