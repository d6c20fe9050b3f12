export { tildePath } from "./tildePath.js";
export { shellQuote } from "./shellQuote.js";
