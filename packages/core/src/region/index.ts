export { resolveRegion, type RegionSource, type ResolvedRegion } from "./resolveRegion.js";
export { profileRegion } from "./profileRegion.js";
