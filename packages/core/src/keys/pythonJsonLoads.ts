import { PyNumber } from "../fs/pythonJsonDumps.js";

/** A value of Python's json.loads: objects as Maps (keys in first-seen order, last value wins), numbers as PyNumber. */
export type PyJson = null | boolean | string | PyNumber | PyJson[] | Map<string, PyJson>;

/**
 * Python's `json.loads(text)` where JSON.parse differs, so that json.dumps of the result is Python's to the byte:
 * integers of any size stay exact (`12345678901234567890`, `-0` is `0`), floats are Python floats written as
 * `repr()` writes them (`1.0`, `1e+16`, `1e-05`, `Infinity`), `NaN`/`Infinity`/`-Infinity` are accepted, and
 * integer-like keys (`"10"`, `"9"`) or `"__proto__"` keep their place. Throws SyntaxError where Python raises.
 */
export function pythonJsonLoads(text: string): PyJson {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at char ${i}`);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const value = (): PyJson => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const out = new Map<string, PyJson>();
      ws();
      if (text[i] === "}") return i++, out;
      for (;;) {
        ws();
        if (text[i] !== '"') fail("Expecting property name enclosed in double quotes");
        const k = string();
        ws();
        if (text[i++] !== ":") fail("Expecting ':' delimiter");
        out.set(k, value());
        ws();
        const d = text[i++];
        if (d === "}") return out;
        if (d !== ",") fail("Expecting ',' delimiter");
      }
    }
    if (c === "[") {
      i++;
      const out: PyJson[] = [];
      ws();
      if (text[i] === "]") return i++, out;
      for (;;) {
        out.push(value());
        ws();
        const d = text[i++];
        if (d === "]") return out;
        if (d !== ",") fail("Expecting ',' delimiter");
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [["null", null], ["true", true], ["false", false], ["NaN", new PyNumber("NaN")], ["Infinity", new PyNumber("Infinity")], ["-Infinity", new PyNumber("-Infinity")]] as const) {
      if (text.startsWith(word, i)) return (i += word.length), v;
    }
    const m = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
    m.lastIndex = i;
    const num = m.exec(text);
    if (!num) return fail("Expecting value");
    i += num[0].length;
    if (num[1] === undefined && num[2] === undefined) {
      // CPython 3.11 refuses int() of more than 4300 digits (ValueError inside json.loads).
      if (num[0].replace("-", "").length > 4300) fail("Exceeds the limit (4300 digits) for integer string conversion");
      return new PyNumber(BigInt(num[0]).toString());
    }
    return new PyNumber(pyFloatRepr(Number(num[0])));
  };
  const string = (): string => {
    let out = "";
    i++;
    for (;;) {
      if (i >= text.length) fail("Unterminated string");
      const c = text[i++]!;
      if (c === '"') return out;
      if (c < " ") fail("Invalid control character");
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = text[i++];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e !== undefined && e in simple) out += simple[e];
      else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) {
        out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
        i += 4;
      } else fail("Invalid \\escape");
    }
  };
  const result = value();
  ws();
  if (i !== text.length) fail("Extra data");
  return result;
}

/** Python's `repr(float)`: the shortest round-tripping digits, fixed notation for 1e-4 <= |x| < 1e16, else d.ddde±XX. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const [mantissa, expText] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const e = `${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
    return `${sign}${digits[0]}${digits.length > 1 ? "." + digits.slice(1) : ""}e${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${"0".repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
