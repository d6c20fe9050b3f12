/** @internal */
export { containerCredentialsBody, type ContainerCredentialsBody } from "./containerCredentialsBody.js";
/** @internal */
export { keepCredentialsFresh, type FreshCredentials, type KeepCredentialsFreshOptions } from "./keepCredentialsFresh.js";
export { startCredentialServer, type CredentialServer, type CredentialServerOptions } from "./startCredentialServer.js";
/** @internal */
export { envForCredentialServer, type EnvForCredentialServerOptions } from "./envForCredentialServer.js";
/** @internal */
export { serveFreshCredentials, type FreshCredentialServer, type ServeFreshCredentialsOptions } from "./serveFreshCredentials.js";
