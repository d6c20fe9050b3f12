/** @internal */
export { ssoCacheDir } from "./ssoCacheDir.js";
/** @internal */
export { cliCacheDir } from "./cliCacheDir.js";
/** @internal */
export { tokenCachePath } from "./tokenCachePath.js";
/** @internal */
export { ssoCredentialsCachePath } from "./ssoCredentialsCachePath.js";
