/** @internal */
export { TOKEN_REFRESH_WINDOW_MS } from "./constants.js";
/** @internal */
export { parseAwsTimestamp, formatAwsTimestamp } from "./parseAwsTimestamp.js";
/** @internal */
export { loginFixCommand, describeSession, type LoginHint } from "./loginFixCommand.js";
export { loadToken, type LoadedToken } from "./loadToken.js";
export { readToken } from "./readToken.js";
export { writeToken } from "./writeToken.js";
/** @internal */
export { serializeToken, TOKEN_KEY_ORDER } from "./serializeToken.js";
export { tokenState, type TokenState } from "./tokenState.js";
export { refreshSsoToken, type RefreshOptions } from "./refreshSsoToken.js";
export { getValidToken, type GetValidTokenOptions } from "./getValidToken.js";
