import { shellQuote } from "../util/shellQuote.js";
import type { SsoSession } from "../types.js";

/** Who is asking, so an error can name the login command that fixes it. */
export interface LoginHint {
  /** The profile the user asked for; names the fix for legacy (no sso-session) profiles. */
  profileName?: string | undefined;
  /** Use this exact fix command instead of the one we would derive. */
  fixCommand?: string | undefined;
}

/** `sso login --sso-session NAME`, or `sso login --profile NAME` for a legacy profile. */
export function loginFixCommand(session: SsoSession, hint: LoginHint = {}): string {
  if (hint.fixCommand) return hint.fixCommand;
  if (session.name !== undefined) return `sso login --sso-session ${shellQuote(session.name)}`;
  return hint.profileName ? `sso login --profile ${shellQuote(hint.profileName)}` : "sso login --profile <profile>";
}

/** How messages name the session: "sso-session my-sso", or "start URL https://…" for legacy profiles. */
export function describeSession(session: SsoSession): string {
  return session.name !== undefined ? `sso-session ${session.name}` : `start URL ${session.startUrl}`;
}
