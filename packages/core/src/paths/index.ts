export { ssoCacheDir } from "./ssoCacheDir.js";
export { cliCacheDir } from "./cliCacheDir.js";
export { tokenCachePath } from "./tokenCachePath.js";
export { ssoCredentialsCachePath } from "./ssoCredentialsCachePath.js";
