export { CREDENTIAL_ENV_NAMES, credentialEnvVars } from "./credentialEnvVars.js";
export { CONFLICTING_ENV_NAMES, NESTED_PROFILE_ENV, envForChild, type EnvForChildOptions } from "./envForChild.js";
export { formatCredentialProcess } from "./formatCredentialProcess.js";
export { ENV_FORMATS, formatCredentialsEnv, type EnvFormat, type FormatCredentialsEnvOptions } from "./formatCredentialsEnv.js";
export { quoteDotenv, quoteFish, quotePowerShell, quoteSh } from "./quote.js";
