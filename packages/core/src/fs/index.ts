/** @internal */
export { writeFileAtomic } from "./writeFileAtomic.js";
/** @internal */
export { updateFileLocked, checkWritableThroughLinks, type FileEdit } from "./updateFileLocked.js";
/** @internal */
export { withLock, lockPathFor, isProcessAlive, DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_LOCK_STALE_MS, type LockOptions, type LockHolder, type LockWait } from "./withLock.js";
/** @internal */
export { pythonJsonDumps, pyString, PyNumber, type PythonJsonDumpsOptions } from "./pythonJsonDumps.js";
/** @internal */
export { lockWaitNotice } from "./lockWaitNotice.js";
