export { awsClientConfig, networkHandler, CONNECTION_TIMEOUT_MS, REQUEST_TIMEOUT_MS, type AwsClientOptions, type NetworkOptions } from "./awsClientConfig.js";
export { resolveCaBundle, readCaBundle, type CaBundle, type ProfileCaBundle } from "./caBundle.js";
export { describeNetworkFailure, type NetworkFailure } from "./networkFailure.js";
export { networkGet } from "./networkGet.js";
export { bypassesProxy, environProxies, proxyFor, redactProxyUrl } from "./proxyForUrl.js";
