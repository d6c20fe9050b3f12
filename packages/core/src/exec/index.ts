/** @internal */
export { FORWARDED_SIGNALS, runWithEnv, type RunWithEnvOptions } from "./runWithEnv.js";
