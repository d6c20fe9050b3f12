export { resolveEndpoint, type EndpointService } from "./resolveEndpoint.js";
