export { ROLE_CREDENTIALS_EXPIRY_WINDOW_MS } from "./constants.js";
export { credentialsCachePath } from "./credentialsCachePath.js";
export {
  readCachedRoleCredentials,
  readCredentialsCacheFile,
  type ReadCachedOptions,
  type CredentialsCacheRead,
} from "./readCachedRoleCredentials.js";
export { parseCredentialsCache } from "./parseCredentialsCache.js";
export { serializeCredentialsCache } from "./serializeCredentialsCache.js";
export { fetchRoleCredentials, type FetchRoleCredentialsOptions } from "./fetchRoleCredentials.js";
export { getRoleCredentials, type GetRoleCredentialsOptions } from "./getRoleCredentials.js";
