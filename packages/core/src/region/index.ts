/** @internal */
export { checkRegionFlag, resolveRegion, type RegionSource, type ResolvedRegion } from "./resolveRegion.js";
/** @internal */
export { profileRegion } from "./profileRegion.js";
