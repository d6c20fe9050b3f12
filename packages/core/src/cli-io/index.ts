export { writeAll } from "./writeAll.js";
export { parseFlags, FlagParseError, type FlagDef, type FlagSpec, type ParsedFlags } from "./parseFlags.js";
