/**
 * A start URL as compared: trimmed, without a trailing `#/` or slash, lower-cased. Those differences are copy-paste
 * accidents, not another IAM Identity Center instance. The emulator's `sameStartUrl` follows the same rule (checked in
 * sameStartUrl.spec.ts). botocore has none: it compares `sso_start_url` values as written (`_validate_sso_session`).
 */
export function normalizeStartUrl(startUrl: string): string {
  return startUrl.trim().replace(/#\/?$/, "").replace(/\/+$/, "").toLowerCase();
}

/** Whether two start URLs name the same instance (see normalizeStartUrl). */
export function sameStartUrl(a: string, b: string): boolean {
  return normalizeStartUrl(a) === normalizeStartUrl(b);
}
