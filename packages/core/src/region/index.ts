export { resolveRegion, type RegionSource, type ResolvedRegion } from "./resolveRegion.js";
