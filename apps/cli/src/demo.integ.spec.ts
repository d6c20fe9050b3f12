// The README's first Quick start command ends in scripts/demo.mjs: it must log in and make the verified STS call,
// with the `aws` on PATH when there is one and through the JS SDK when there is none.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const demo = join(dirname(fileURLToPath(import.meta.url)), "../../../scripts/demo.mjs");

function runDemo(path: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: Record<string, string> = { PATH: path, HOME: process.env.HOME ?? "/root" };
    const child = spawn(process.execPath, [demo], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function expectDemo(r: { code: number | null; stdout: string; stderr: string }): void {
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain("$ sso login --profile demo --use-device-code\nLogged in to sso-session demo (token valid for");
  expect(r.stdout).toMatch(/"Arn": "arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]+\/jane@example.com"/);
  // An 8-hour token, shown a moment after login: "7h 59m" mostly, "8h 0m" when status runs within half a second
  // of the login (expiresAt is written in whole seconds, rounded down; the time left is rounded to the second).
  expect(r.stdout).toMatch(/\$ sso status\nsso-session demo: valid until \S+ \((?:7h 5\dm|8h 0m) left\), refreshable/);
}

describe("./dev demo (scripts/demo.mjs)", () => {
  it("logs in against the embedded emulator and makes the STS call with the machine's PATH", async () => {
    expectDemo(await runDemo(process.env.PATH ?? ""));
  });

  it("falls back to the JS SDK for the call where no aws is on PATH", async () => {
    const r = await runDemo(dirname(process.execPath));
    expectDemo(r);
    expect(r.stdout).toContain("$ sso exec --profile demo -- node scripts/get-caller-identity.mjs");
  });
});
