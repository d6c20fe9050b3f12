/** The scope the AWS CLI asks for when sso_registration_scopes is not configured (PKCE flow). */
export const DEFAULT_SCOPES = ["sso:account:access"];
export const PKCE_GRANT_TYPES = ["authorization_code", "refresh_token"];
/** Registered without a port; the authorize and token calls add the listener's port (loopback redirect rule). */
export const PKCE_REGISTRATION_REDIRECT_URI = "http://127.0.0.1/oauth/callback";
/** The CLI re-registers when less than this is left (botocore `_EXPIRY_WINDOW`). */
export const REGISTRATION_EXPIRY_WINDOW_MS = 15 * 60_000;
