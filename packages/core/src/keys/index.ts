export { tokenCacheKey } from "./tokenCacheKey.js";
export { ssoCredentialsCacheKey, type SsoCredentialsCacheKeyInput } from "./ssoCredentialsCacheKey.js";
export { registrationCacheKey } from "./registrationCacheKey.js";
export { assumeRoleCacheKey, type AssumeRoleCacheKeyInput } from "./assumeRoleCacheKey.js";
/** @internal */
export { pythonJsonDumpsSorted } from "./pythonJsonDumpsSorted.js";
/** @internal */
export { pythonJsonLoads, pyFloatRepr, type PyJson } from "./pythonJsonLoads.js";
