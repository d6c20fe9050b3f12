/** Refresh when less than this is left: botocore's advisory window, the widest of the SDKs (JS uses 5 min). */
export { TOKEN_REFRESH_WINDOW_MS } from "../token/constants.js";
/** SDK attempts per call: the SDK's standard retry (exponential backoff with jitter) on throttling, 5xx and network faults. */
export const MAX_ATTEMPTS = 5;
