/** @internal */
export { CREDENTIAL_ENV_NAMES, credentialEnvVars } from "./credentialEnvVars.js";
export { envForChild, type EnvForChildOptions } from "./envForChild.js";
/** @internal */
export { CONFLICTING_ENV_NAMES, NESTED_PROFILE_ENV, SHELL_USE_ENV } from "./envForChild.js";
export { formatCredentialProcess } from "./formatCredentialProcess.js";
export { formatCredentialsEnv, type EnvFormat, type FormatCredentialsEnvOptions } from "./formatCredentialsEnv.js";
/** @internal */
export { ENV_FORMATS } from "./formatCredentialsEnv.js";
/** @internal */
export { quoteDotenv, quoteFish, quotePowerShell, quoteSh } from "./quote.js";
/** @internal The `sso use` / `sso shell-init` scripts (the CLI and its fast path). */
export { USE_SCRIPT_HEADER, USE_SHELLS, shellUnsetScript, shellUseScript, type UseShell } from "./shellUseScript.js";
