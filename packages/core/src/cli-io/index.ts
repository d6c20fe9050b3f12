/** @internal */
export { writeAll } from "./writeAll.js";
/** @internal */
export { parseFlags, FlagParseError, type FlagDef, type FlagSpec, type ParsedFlags } from "./parseFlags.js";
