/**
 * Can this value be sent as an HTTP header value (the SSO portal gets the access token in `x-amz-sso_bearer_token`)?
 * Node refuses anything outside tab, visible ASCII and Latin-1 (its checkInvalidHeaderChar), and after that refusal
 * the SDK's timers keep a process alive for seconds: such a token is malformed, said when it is loaded.
 */
export function isHeaderSafe(value: string): boolean {
  return !/[^\t\x20-\x7e\x80-\xff]/.test(value);
}

/** The words a loader adds after "has an accessToken that …". */
export const HEADER_UNSAFE_REASON = "cannot be sent in an HTTP header (control or non-Latin-1 characters)";
