export { networkErrorCode } from "./networkErrorCode.js";
