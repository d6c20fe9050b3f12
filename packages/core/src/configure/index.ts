/** @internal What `sso configure` and `sso populate --sso-start-url` write, and their checks. */
export { applySsoConfig, writeSsoConfig, type SectionChange, type SsoConfigSections } from "./writeSsoConfig.js";
/** @internal */
export { defaultSsoSessionName, validateRegion, validateSectionName, validateStartUrl } from "./validate.js";
