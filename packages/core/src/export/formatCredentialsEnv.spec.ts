import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RoleCredentials } from "../types.js";
import { formatCredentialsEnv } from "./formatCredentialsEnv.js";

const creds: RoleCredentials = {
  accessKeyId: "ASIAEXAMPLEEXAMPLE01",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE+/=",
  expiration: Date.UTC(2026, 10, 22, 22, 48, 43),
  accountId: "111111111111",
};

function onPath(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
}

/** Values that try every way out of a quoted string, mixed into arbitrary unicode. */
const hostile = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.array(
    fc.oneof(
      fc.constantFrom("'", '"', "\\", "$(touch PWNED)", "`touch PWNED`", "${HOME}", "$HOME", "\n", "\r\n", ";", "&&", "|", "'\\''", "\\'", "%", "!", "#", " ", "\t", "é", "😀", "\u2019", "ghadelimiter_"),
      fc.string({ unit: "binary", maxLength: 4 }),
    ),
    { maxLength: 12 },
  ).map((parts) => parts.join("")),
).filter((s) => !s.includes("\0"));

const hostileCreds = fc.record({
  accessKeyId: hostile,
  secretAccessKey: hostile,
  sessionToken: hostile,
  region: hostile,
});

/** Run `script` in `shell` with an empty PATH in an empty directory, then print the variables NUL-separated. */
function evalIn(shell: string, script: string, printer: string): { stdout: string; stderr: string; status: number | null; cwdFiles: string[] } {
  const cwd = mkdtempSync(join(tmpdir(), "sso-env-"));
  const file = join(cwd, "creds.script");
  writeFileSync(file, script + printer);
  const shellPath = execFileSync("sh", ["-c", `command -v ${shell}`]).toString().trim();
  // HOME apart from cwd: fish creates ~/.config and ~/.local on its first run, which is not an injection.
  const home = mkdtempSync(join(tmpdir(), "sso-env-home-"));
  const r = spawnSync(shellPath, [file], { cwd, env: { PATH: "/nonexistent", HOME: home, LC_ALL: "C.UTF-8" }, encoding: "utf8" });
  const ls = spawnSync("/bin/ls", ["-A", cwd], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, cwdFiles: ls };
}

const names = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"];
const posixPrinter = names.map((n) => `printf '%s\\0' "$${n}"\n`).join("");

describe("formatCredentialsEnv", () => {
  it("prints sh exports with every variable", () => {
    expect(formatCredentialsEnv(creds, { format: "sh", region: "eu-west-1" })).toBe(
      [
        "export AWS_ACCESS_KEY_ID='ASIAEXAMPLEEXAMPLE01'",
        "export AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'",
        "export AWS_SESSION_TOKEN='IQoJb3JpZ2luX2VjEXAMPLE+/='",
        "export AWS_CREDENTIAL_EXPIRATION='2026-11-22T22:48:43.000Z'",
        "export AWS_ACCOUNT_ID='111111111111'",
        "export AWS_REGION='eu-west-1'",
        "export AWS_DEFAULT_REGION='eu-west-1'",
        "",
      ].join("\n"),
    );
  });

  it("leaves the region variables out when no region is configured", () => {
    const out = formatCredentialsEnv(creds, { format: "sh" });
    expect(out).not.toContain("AWS_REGION");
    expect(out).not.toContain("AWS_DEFAULT_REGION");
  });

  it("prints fish, powershell and dotenv lines", () => {
    const weird = { ...creds, sessionToken: `a'b\\c"d` };
    expect(formatCredentialsEnv(weird, { format: "fish" })).toContain(`set -gx AWS_SESSION_TOKEN 'a\\'b\\\\c"d'\n`);
    expect(formatCredentialsEnv(weird, { format: "powershell" })).toContain(`$Env:AWS_SESSION_TOKEN = 'a''b\\c"d'\n`);
    expect(formatCredentialsEnv(weird, { format: "dotenv" })).toContain(`AWS_SESSION_TOKEN="a'b\\\\c\\"d"\n`);
  });

  it("prints windows-cmd set commands, and refuses any value cmd.exe could expand or cut short", () => {
    expect(formatCredentialsEnv(creds, { format: "windows-cmd", region: "eu-west-1" })).toBe(
      [
        `set "AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE01"`,
        `set "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"`,
        `set "AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEXAMPLE+/="`,
        `set "AWS_CREDENTIAL_EXPIRATION=2026-11-22T22:48:43.000Z"`,
        `set "AWS_ACCOUNT_ID=111111111111"`,
        `set "AWS_REGION=eu-west-1"`,
        `set "AWS_DEFAULT_REGION=eu-west-1"`,
      ].join("\n") + "\n",
    );
    // No cmd.exe here: the property is that nothing outside the allowed set ever reaches the output.
    fc.assert(
      fc.property(hostileCreds, ({ region, ...c }) => {
        let out: string;
        try {
          out = formatCredentialsEnv({ ...creds, ...c }, { format: "windows-cmd", region });
        } catch (e) {
          expect((e as { code?: string }).code).toBe("UnsafeValue");
          expect((e as { fix?: string }).fix).toContain("--format powershell");
          return;
        }
        for (const line of out.trimEnd().split("\n")) expect(line).toMatch(/^set "[A-Z_]+=[A-Za-z0-9+/=:._-]*"$/);
      }),
    );
  });

  it("prints json as one object of variables", () => {
    expect(JSON.parse(formatCredentialsEnv(creds, { format: "json", region: "us-east-2" }))).toEqual({
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      AWS_SESSION_TOKEN: creds.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: "2026-11-22T22:48:43.000Z",
      AWS_ACCOUNT_ID: "111111111111",
      AWS_REGION: "us-east-2",
      AWS_DEFAULT_REGION: "us-east-2",
    });
  });

  it("prints credential_process JSON as aws configure export-credentials does", () => {
    expect(formatCredentialsEnv(creds, { format: "process" })).toBe(
      `{\n  "Version": 1,\n  "AccessKeyId": "ASIAEXAMPLEEXAMPLE01",\n  "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",\n  "SessionToken": "IQoJb3JpZ2luX2VjEXAMPLE+/=",\n  "Expiration": "2026-11-22T22:48:43+00:00"\n}\n`,
    );
    const withMs = formatCredentialsEnv({ ...creds, expiration: creds.expiration + 250 }, { format: "process" });
    expect(JSON.parse(withMs).Expiration).toBe("2026-11-22T22:48:43.250000+00:00");
  });

  it("botocore's ProcessProvider accepts the process output", () => {
    const out = formatCredentialsEnv({ ...creds, expiration: Date.now() + 3_600_000 }, { format: "process" });
    const dir = mkdtempSync(join(tmpdir(), "sso-proc-"));
    writeFileSync(join(dir, "out.json"), out);
    const script = [
      "import botocore.session, sys",
      "s = botocore.session.Session(profile='p')",
      "c = s.get_credentials().get_frozen_credentials()",
      "print(c.access_key, c.token)",
    ].join("\n");
    writeFileSync(join(dir, "config"), `[profile p]\ncredential_process = cat ${join(dir, "out.json")}\n`);
    const r = spawnSync("python3", ["-c", script], { env: { ...process.env, AWS_CONFIG_FILE: join(dir, "config"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"), AWS_PROFILE: "", AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "" }, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe(`${creds.accessKeyId} ${creds.sessionToken}`);
  });

  it("prints $GITHUB_ENV heredoc entries with a random delimiter", () => {
    const out = formatCredentialsEnv({ ...creds, sessionToken: "line1\nline2" }, { format: "github" });
    expect(out).toMatch(/^AWS_SESSION_TOKEN<<(ghadelimiter_[0-9a-f-]{36})\nline1\nline2\n\1$/m);
    const delimiters = [...out.matchAll(/<<(ghadelimiter_[0-9a-f-]{36})/g)].map((m) => m[1]);
    expect(new Set(delimiters).size).toBe(delimiters.length);
  });

  it("refuses a value with a NUL character, which no environment can hold", () => {
    expect(() => formatCredentialsEnv({ ...creds, sessionToken: "a\0b" }, { format: "sh" })).toThrow(/AWS_SESSION_TOKEN contains a NUL/);
  });

  for (const shell of ["sh", "bash"]) {
    it(`sh output evaluated by the real ${shell} gives back every value and runs nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileCreds, async ({ region, ...c }) => {
          const out = formatCredentialsEnv({ ...c, expiration: creds.expiration, accountId: "1" }, { format: "sh", region });
          const r = evalIn(shell, out, posixPrinter);
          expect(r.stderr).toBe("");
          expect(r.status).toBe(0);
          expect(r.cwdFiles).toEqual(["creds.script"]);
          expect(r.stdout).toBe([c.accessKeyId, c.secretAccessKey, c.sessionToken, ...(region ? [region, region] : ["", ""])].join("\0") + "\0");
        }),
        { numRuns: 150 },
      );
    }, 120_000);
  }

  // ./dev test installs fish; without it the decoder test below still checks fish's quoting rules.
  it.skipIf(!onPath("fish"))("fish output evaluated by the real fish gives back every value", async () => {
    const fishPrinter = names.map((n) => `printf '%s\\0' "$${n}"\n`).join("");
    await fc.assert(
      fc.asyncProperty(hostileCreds, async ({ region, ...c }) => {
        const out = formatCredentialsEnv({ ...c, expiration: creds.expiration, accountId: "1" }, { format: "fish", region });
        const r = evalIn("fish", out, fishPrinter);
        expect(r.stderr).toBe("");
        expect(r.cwdFiles).toEqual(["creds.script"]);
        expect(r.stdout).toBe([c.accessKeyId, c.secretAccessKey, c.sessionToken, ...(region ? [region, region] : ["", ""])].join("\0") + "\0");
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it("fish output decodes back to every value under fish's single-quote rules", () => {
    // fish single quotes: `\\` -> `\`, `\'` -> `'`, any other backslash is literal, nothing else is special.
    const decodeFishSingleQuoted = (line: string): string => {
      const m = /^set -gx [A-Z_]+ '(.*)'$/s.exec(line);
      if (!m) throw new Error(`not a fish set line: ${line}`);
      const body = m[1]!;
      let out = "";
      for (let i = 0; i < body.length; i++) {
        const ch = body[i]!;
        if (ch === "\\" && (body[i + 1] === "\\" || body[i + 1] === "'")) out += body[++i];
        else if (ch === "'") throw new Error("unescaped quote would end the string");
        else out += ch;
      }
      return out;
    };
    fc.assert(
      fc.property(hostile, (value) => {
        const out = formatCredentialsEnv({ ...creds, sessionToken: value }, { format: "fish" });
        const line = out.slice(out.indexOf("set -gx AWS_SESSION_TOKEN"), out.indexOf("\nset -gx AWS_CREDENTIAL_EXPIRATION"));
        expect(decodeFishSingleQuoted(line)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it("dotenv output read by python-dotenv gives back values without `$`", () => {
    const values = ["plain", `q"uote`, "back\\slash", "new\nline", "cr\rlf", "single'quote", "hash # not comment", "é😀"];
    const out = formatCredentialsEnv({ ...creds, sessionToken: values.join("|") }, { format: "dotenv" });
    const r = spawnSync("python3", ["-c", "import sys, json, dotenv, io; print(json.dumps(dotenv.dotenv_values(stream=io.StringIO(sys.stdin.read()))))"], { input: out, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).AWS_SESSION_TOKEN).toBe(values.join("|"));
  });
});
