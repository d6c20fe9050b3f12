export { fromSsoCache, PROVIDER_REFRESH_WINDOW_MS, type FromSsoCacheInit } from "./fromSsoCache.js";
export { resolveCredentials, type ResolveCredentialsOptions } from "./resolveCredentials.js";
