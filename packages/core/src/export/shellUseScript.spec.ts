import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RoleCredentials } from "../types.js";
import { shellUnsetScript, shellUseScript, USE_SCRIPT_HEADER } from "./shellUseScript.js";

const creds: RoleCredentials = {
  accessKeyId: "ASIAEXAMPLEEXAMPLE01",
  secretAccessKey: "it's $(touch PWNED) `x` \\ \"q\"",
  sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE+/=",
  expiration: Date.UTC(2026, 10, 22, 22, 48, 43),
  accountId: "111111111111",
};

function onPath(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
}

/** Run `script` then print the variables, in a real shell, with AWS_PROFILE set and a stale token around. */
function evalIn(shell: string, script: string, names: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "sso-use-"));
  const printer = names.map((n) => (shell === "fish" ? `printf '%s=%s\\n' ${n} "$${n}"\n` : `printf '%s=%s\\n' ${n} "\${${n}-unset}"\n`)).join("");
  writeFileSync(join(dir, "s"), script + printer);
  const path = execFileSync("sh", ["-c", `command -v ${shell}`]).toString().trim();
  const r = spawnSync(path, [join(dir, "s")], { cwd: dir, env: { PATH: "/usr/bin:/bin", HOME: dir, AWS_PROFILE: "other", AWS_SECURITY_TOKEN: "stale", AWS_REGION: "mine" }, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout.trim().split("\n");
}

const SHELLS = ["bash", "zsh", "fish"] as const;
const NAMES = ["AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_SECURITY_TOKEN", "AWS_REGION", "SSO_CREDS_PROFILE", "SSO_CREDS_USE"];

describe("shellUseScript", () => {
  it("starts with the header the shell function checks for", () => {
    for (const shell of [...SHELLS, "powershell"] as const) expect(shellUseScript(shell, creds, { profile: "dev" }).split("\n")[0]).toBe(USE_SCRIPT_HEADER);
  });

  for (const shell of SHELLS) {
    it.skipIf(!onPath(shell))(`${shell}: sets every value exactly, drops AWS_PROFILE and boto2's token, and runs nothing`, () => {
      const out = evalIn(shell, shellUseScript(shell, creds, { profile: "dev", region: "eu-west-1" }), NAMES);
      const unsetValue = shell === "fish" ? "" : "unset";
      expect(out).toEqual([
        `AWS_SECRET_ACCESS_KEY=${creds.secretAccessKey}`,
        `AWS_PROFILE=${unsetValue}`,
        `AWS_SECURITY_TOKEN=${unsetValue}`,
        "AWS_REGION=eu-west-1",
        "SSO_CREDS_PROFILE=dev",
        "SSO_CREDS_USE=dev",
      ]);
      // Then --unset removes what use set (the region too, since the marker is there).
      const both = shellUseScript(shell, creds, { profile: "dev", region: "eu-west-1" }) + shellUnsetScript(shell, { SSO_CREDS_USE: "dev" });
      expect(evalIn(shell, both, NAMES).every((l) => l.endsWith(`=${unsetValue}`))).toBe(true);
      // Without the marker, a region of the user's own stays.
      expect(evalIn(shell, shellUnsetScript(shell, {}), ["AWS_REGION"])).toEqual(["AWS_REGION=mine"]);
      // Switching to a profile without a region: the region the previous sso use set goes; one of the user's own stays.
      const switched = shellUseScript(shell, creds, { profile: "dev", region: "eu-west-1" }) + shellUseScript(shell, creds, { profile: "noregion", env: { SSO_CREDS_USE: "dev" } });
      expect(evalIn(shell, switched, ["AWS_REGION", "AWS_DEFAULT_REGION", "SSO_CREDS_USE"])).toEqual([`AWS_REGION=${unsetValue}`, `AWS_DEFAULT_REGION=${unsetValue}`, "SSO_CREDS_USE=noregion"]);
      expect(evalIn(shell, shellUseScript(shell, creds, { profile: "noregion", env: {} }), ["AWS_REGION"])).toEqual(["AWS_REGION=mine"]);
    });
  }
});
