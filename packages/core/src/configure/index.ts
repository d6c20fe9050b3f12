export { applySsoConfig, findSsoSessionSection, writeSsoConfig, type SectionChange, type SsoConfigSections } from "./writeSsoConfig.js";
export { defaultSsoSessionName, validateRegion, validateSectionName, validateStartUrl } from "./validate.js";
