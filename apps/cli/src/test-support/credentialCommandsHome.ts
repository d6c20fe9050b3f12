import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import { makeHome, START_URL, type CliHome, type CliRun } from "./cliHarness.js";

export { runCli, START_URL, type CliHome, type CliRun } from "./cliHarness.js";

export const SESSION = "my-sso";

/** Two SSO profiles (one without a region) on one sso-session, with comments that must survive `sso populate`. */
export const BASE_CONFIG = `# test config
[profile dev]
sso_session = ${SESSION}
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = eu-west-1

[profile noregion]
sso_session = ${SESSION}
sso_account_id = 222222222222
sso_role_name = ReadOnlyAccess

[sso-session ${SESSION}]
sso_start_url = ${START_URL}
sso_region = us-east-1
`;

/** The emulator and its type, as the emulator package exports them (one Emulator type for every spec). */
export { startEmulator, type Emulator } from "@sso-creds/emulator";
import type { Emulator } from "@sso-creds/emulator";

/** A temp HOME on the emulator with BASE_CONFIG (or `config`) and a logged-in token for my-sso. */
export async function loggedInHome(emu: Emulator, config = BASE_CONFIG, token = emu.mintToken({ startUrl: START_URL, region: "us-east-1" })): Promise<CliHome> {
  const home = await makeHome(emu.url, config);
  await writeToken(home, token);
  return home;
}

/** ~/.aws/sso/cache/<sha1(session name)>.json, as `aws sso login` leaves it. */
export async function writeToken(home: CliHome, token: object): Promise<void> {
  await mkdir(home.ssoCache, { recursive: true, mode: 0o700 });
  await writeFile(join(home.ssoCache, `${createHash("sha1").update(SESSION).digest("hex")}.json`), JSON.stringify(token), { mode: 0o600 });
}

/** A user error as the CLI prints it: exit 1, nothing on stdout, one line `sso: <what>`, ending in `Run: <fix>` (or `Fix: <edit>`) when there is one. */
export function expectUserError(r: CliRun): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^sso: \S[^\n]*\n$/);
}
