/** @internal */
export { tildePath } from "./tildePath.js";
/** @internal */
export { shellQuote } from "./shellQuote.js";
