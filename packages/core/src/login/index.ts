export { authorizeUrl, defaultOidcEndpoint } from "./authorizeUrl.js";
export { createPkcePair, codeChallengeFor } from "./pkce.js";
export { canOpenBrowser } from "./canOpenBrowser.js";
export { DEFAULT_SCOPES, PKCE_GRANT_TYPES, PKCE_REGISTRATION_REDIRECT_URI, REGISTRATION_EXPIRY_WINDOW_MS } from "./constants.js";
export { networkErrorCode } from "./networkErrorCode.js";
