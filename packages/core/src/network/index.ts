export { awsClientConfig, type AwsClientOptions, type NetworkOptions } from "./awsClientConfig.js";
/** @internal */
export { networkHandler, nodeSupportsProxyEnv, CONNECTION_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from "./awsClientConfig.js";
/** @internal */
export { resolveCaBundle, readCaBundle, type CaBundle, type ProfileCaBundle } from "./caBundle.js";
export { describeNetworkFailure, type NetworkFailure } from "./networkFailure.js";
export { networkGet } from "./networkGet.js";
export { proxyFor } from "./proxyForUrl.js";
/** @internal */
export { bypassesProxy, environProxies, redactProxyUrl } from "./proxyForUrl.js";
