export { fromSsoCache, type FromSsoCacheInit } from "./fromSsoCache.js";
/** @internal */
export { PROVIDER_REFRESH_WINDOW_MS } from "./fromSsoCache.js";
export { resolveCredentials, type ResolveCredentialsOptions } from "./resolveCredentials.js";
export {
  profileCredentialSource,
  resolveProfileCredentials,
  type ProfileCredentials,
  type ProfileCredentialSource,
  type ProfileCredentialsRequest,
} from "./resolveProfileCredentials.js";
