export { resolveEndpoint, type EndpointService } from "./resolveEndpoint.js";
/** @internal */
export { endpointFromEnv } from "./resolveEndpoint.js";
