export { writeFileAtomic } from "./writeFileAtomic.js";
export { updateFileLocked, type FileEdit } from "./updateFileLocked.js";
export {
  withLock,
  lockPathFor,
  isProcessAlive,
  DEFAULT_LOCK_TIMEOUT_MS,
  DEFAULT_LOCK_STALE_MS,
  type LockOptions,
  type LockHolder,
  type LockWait,
} from "./withLock.js";
export { pythonJsonDumps } from "./pythonJsonDumps.js";
export { lockWaitNotice } from "./lockWaitNotice.js";
