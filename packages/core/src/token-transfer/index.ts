/** @internal */
export { exportToken, REFRESH_KEYS, type ExportTokenOptions, type ExportedToken } from "./exportToken.js";
/** @internal */
export { importToken, type ImportTokenOptions, type ImportTokenResult } from "./importToken.js";
