export { login, REUSE_MIN_REMAINING_MS, type LoginOptions, type LoginResult } from "./login.js";
export { loginWithDeviceCode, type DevicePrompt, type DeviceCodeOptions } from "./loginWithDeviceCode.js";
export { loginWithPkce, CALLBACK_PATH, type PkceOptions } from "./loginWithPkce.js";
export {
  registerClient,
  registrationCachePath,
  type ClientRegistration,
  type LoginFlow,
} from "./registerClient.js";
export { authorizeUrl, defaultOidcEndpoint } from "./authorizeUrl.js";
export { createPkcePair, codeChallengeFor } from "./pkce.js";
export { browserUnavailableReason, canOpenBrowser, chooseLoginFlow, type LoginFlowChoice } from "./canOpenBrowser.js";
export { loginLockPath } from "./loginLockPath.js";
export { DEFAULT_SCOPES, PKCE_GRANT_TYPES, PKCE_REGISTRATION_REDIRECT_URI, REGISTRATION_EXPIRY_WINDOW_MS } from "./constants.js";
export { saveLoginToken } from "./saveLoginToken.js";
export { waitForLogin } from "./waitForLogin.js";
