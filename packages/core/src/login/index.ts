export { login, type LoginOptions, type LoginResult } from "./login.js";
/** @internal */
export { REUSE_MIN_REMAINING_MS } from "./login.js";
/** @internal */
export { loginWithDeviceCode, type DevicePrompt, type DeviceCodeOptions } from "./loginWithDeviceCode.js";
/** @internal */
export { loginWithPkce, CALLBACK_PATH, type PkceOptions } from "./loginWithPkce.js";
/** @internal */
export { registerClient, registrationCachePath, type ClientRegistration, type LoginFlow } from "./registerClient.js";
/** @internal */
export { authorizeUrl, defaultOidcEndpoint } from "./authorizeUrl.js";
/** @internal */
export { createPkcePair, codeChallengeFor } from "./pkce.js";
/** @internal */
export { browserUnavailableReason, canOpenBrowser, chooseLoginFlow, type LoginFlowChoice } from "./canOpenBrowser.js";
/** @internal */
export { loginLockPath } from "./loginLockPath.js";
/** @internal */
export { DEFAULT_SCOPES, PKCE_GRANT_TYPES, PKCE_REGISTRATION_REDIRECT_URI, REGISTRATION_EXPIRY_WINDOW_MS } from "./constants.js";
/** @internal */
export { saveLoginToken } from "./saveLoginToken.js";
/** @internal */
export { waitForLogin } from "./waitForLogin.js";
