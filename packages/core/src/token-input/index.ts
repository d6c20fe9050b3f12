/** @internal */
export { parseTokenInput, TOKEN_INPUT_FIX } from "./parseTokenInput.js";
/** @internal */
export { credentialsFromTokenInput, type TokenInputRequest, type TokenInputResult } from "./credentialsFromTokenInput.js";
