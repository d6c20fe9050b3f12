export { startEmulator } from "./startEmulator.js";
export { defaultFixtures, loadFixtures, DEFAULT_START_URL } from "./fixtures.js";
export { sameStartUrl } from "./oidc.js";
export type { Emulator, EmulatorOptions, Fixtures, FixtureAccount, AssumableRole, MintedToken, MintTokenOptions, Fault, FaultKind, FaultOptions } from "./types.js";
