export { parseTokenInput, TOKEN_INPUT_FIX } from "./parseTokenInput.js";
export { credentialsFromTokenInput, sameStartUrl, type TokenInputRequest, type TokenInputResult } from "./credentialsFromTokenInput.js";
