/** @internal */
export { applySsoConfig, findSsoSessionSection, writeSsoConfig, type SectionChange, type SsoConfigSections } from "./writeSsoConfig.js";
/** @internal */
export { defaultSsoSessionName, validateRegion, validateSectionName, validateStartUrl } from "./validate.js";
