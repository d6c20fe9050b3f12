export { parseTokenInput, TOKEN_INPUT_FIX } from "./parseTokenInput.js";
