/** Refresh an SSO access token when less than this remains: botocore's window (tokens.py `_REFRESH_WINDOW = 900`). */
export const TOKEN_REFRESH_WINDOW_MS = 15 * 60 * 1000;
