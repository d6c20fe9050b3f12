export { parseAwsIni, IniSyntaxError, type IniSections, type IniValue } from "./parseAwsIni.js";
export { loadSharedConfig, configFilePath, credentialsFilePath, type SharedConfig, type ConfigSection } from "./loadSharedConfig.js";
export { resolveProfileName } from "./resolveProfileName.js";
export { resolveSsoProfile } from "./resolveSsoProfile.js";
export { resolveSsoSession } from "./resolveSsoSession.js";
export { parseScopes } from "./parseScopes.js";
export { listSsoSessions } from "./listSsoSessions.js";
export { listSsoProfiles } from "./listSsoProfiles.js";
