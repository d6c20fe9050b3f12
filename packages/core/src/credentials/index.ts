/** @internal */
export { ROLE_CREDENTIALS_EXPIRY_WINDOW_MS } from "./constants.js";
/** @internal */
export { credentialsCachePath } from "./credentialsCachePath.js";
export { readCachedRoleCredentials, type ReadCachedOptions, type CredentialsCacheRead } from "./readCachedRoleCredentials.js";
/** @internal */
export { readCredentialsCacheFile } from "./readCachedRoleCredentials.js";
/** @internal */
export { parseCredentialsCache } from "./parseCredentialsCache.js";
/** @internal */
export { serializeCredentialsCache } from "./serializeCredentialsCache.js";
export { fetchRoleCredentials, type FetchRoleCredentialsOptions } from "./fetchRoleCredentials.js";
export { getRoleCredentials, type GetRoleCredentialsOptions } from "./getRoleCredentials.js";
