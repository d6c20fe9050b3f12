/** The sso-session name messages about a handed-over token never show: the token has no session of ours. */
export const TOKEN_INPUT_PROFILE = "sso-token-input";
