import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import type { SsoProfile, SsoSession, SsoToken } from "../types.js";

/** The emulator's start URL (one definition, in the emulator). */
export { DEFAULT_START_URL as START_URL } from "@sso-creds/emulator";
import { DEFAULT_START_URL as START_URL } from "@sso-creds/emulator";

/** An sso-session named `name`; `null` gives a legacy profile's session (keyed by start URL). */
export function testSession(name: string | null = "my-sso", region = "us-east-1"): SsoSession {
  return name === null
    ? { name: undefined, startUrl: START_URL, region, registrationScopes: undefined }
    : { name, startUrl: START_URL, region, registrationScopes: ["sso:account:access"] };
}

export function testProfile(session: SsoSession = testSession(), overrides: Partial<SsoProfile> = {}): SsoProfile {
  return { profileName: "dev", session, accountId: "111111111111", roleName: "AdministratorAccess", region: "us-west-2", ...overrides };
}

/** Secret-looking values: tests assert none of them ever shows up in a message. */
export const SECRETS = {
  accessToken: "aoaSECRETACCESSTOKENxxxxxxxxxxxxxxxxxxxxxxxx",
  refreshToken: "aorSECRETREFRESHTOKENyyyyyyyyyyyyyyyyyyyyyyy",
  clientSecret: "eyJSECRETCLIENTSECRETzzzzzzzzzzzzzzzzzzzzzzz",
  secretAccessKey: "wJalrSECRETACCESSKEYEXAMPLEKEYqqqqqqqqqqq",
  sessionToken: "IQoJSECRETSESSIONTOKENwwwwwwwwwwwwwwwwwwwwwwww",
} as const;

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A token as `aws sso login` leaves it, expiring `ttlMs` after `now`. */
export function tokenFixture(now: number, ttlMs: number, overrides: Partial<SsoToken> = {}): SsoToken {
  return {
    startUrl: START_URL,
    region: "us-east-1",
    accessToken: SECRETS.accessToken,
    expiresAt: isoSeconds(now + ttlMs),
    clientId: "client-id-1",
    clientSecret: SECRETS.clientSecret,
    registrationExpiresAt: isoSeconds(now + 90 * 24 * 3600_000),
    refreshToken: SECRETS.refreshToken,
    ...overrides,
  };
}

export async function sha256File(path: string): Promise<string> {
  return createHash("sha256").update(await readFile(path)).digest("hex");
}

export async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

/** Assert-friendly: every secret value that appears in `text`. */
export function leakedSecrets(text: string): string[] {
  return Object.values(SECRETS).filter((s) => text.includes(s) || text.includes(s.slice(0, 16)));
}
