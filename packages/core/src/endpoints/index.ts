export { endpointFromEnv, resolveEndpoint, type EndpointService } from "./resolveEndpoint.js";
