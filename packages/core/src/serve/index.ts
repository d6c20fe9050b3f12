export { containerCredentialsBody, type ContainerCredentialsBody } from "./containerCredentialsBody.js";
export { keepCredentialsFresh, type FreshCredentials, type KeepCredentialsFreshOptions } from "./keepCredentialsFresh.js";
export { startCredentialServer, type CredentialServer, type CredentialServerOptions } from "./startCredentialServer.js";
export { envForCredentialServer, type EnvForCredentialServerOptions } from "./envForCredentialServer.js";
export { serveFreshCredentials, type FreshCredentialServer, type ServeFreshCredentialsOptions } from "./serveFreshCredentials.js";
