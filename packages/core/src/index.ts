export * from "./errors.js";
export * from "./deps.js";
export type * from "./types.js";
export * from "./export/index.js";
export * from "./exec/index.js";
export * from "./populate/index.js";
export * from "./fs/index.js";
export * from "./login/index.js";
export * from "./token-input/index.js";
