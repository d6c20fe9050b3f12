import { createHash } from "node:crypto";
import type { SsoSession } from "../types.js";

/** ~/.aws/sso/cache/<key>.json: sha1 of the sso-session name, or of the start URL exactly as written for legacy profiles. */
export function tokenCacheKey(session: Pick<SsoSession, "name" | "startUrl">): string {
  return createHash("sha1").update(session.name ?? session.startUrl, "utf8").digest("hex");
}
