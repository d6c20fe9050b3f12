export { startEmulator } from "./startEmulator.js";
export { defaultFixtures, loadFixtures, DEFAULT_START_URL } from "./fixtures.js";
export { sameStartUrl } from "./oidc.js";
export { seededRandom } from "./faults.js";
export type { Emulator, EmulatorOptions, Fixtures, FixtureAccount, AssumableRole, MintedToken, MintTokenOptions, Fault, FaultKind, FaultOptions } from "./types.js";
export { useEmulator, tokenSecrets, leaked, spendRefreshToken, signOut, type TestHooks } from "./testing.js";
export { AWS_HOSTS, makeCertificates, startProxyWorld, stunnelUnavailable, tinyproxyUnavailable, PROXY_USER, PROXY_PASSWORD, type ProxyWorld, type TinyProxy } from "./proxyWorld.js";
