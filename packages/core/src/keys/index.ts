export { tokenCacheKey } from "./tokenCacheKey.js";
export { ssoCredentialsCacheKey, type SsoCredentialsCacheKeyInput } from "./ssoCredentialsCacheKey.js";
export { registrationCacheKey } from "./registrationCacheKey.js";
