export {};
export * from "./export/index.js";
export * from "./exec/index.js";
export * from "./populate/index.js";
