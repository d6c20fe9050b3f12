/** Reuse cached role credentials only while more than this remains: botocore's CachedCredentialFetcher window (900 s). */
export const ROLE_CREDENTIALS_EXPIRY_WINDOW_MS = 15 * 60 * 1000;
