/** @internal */
export { writeFileAtomic } from "./writeFileAtomic.js";
/** @internal */
export { updateFileLocked, type FileEdit } from "./updateFileLocked.js";
/** @internal */
export { pythonJsonDumps, pyString, PyNumber, type PythonJsonDumpsOptions } from "./pythonJsonDumps.js";
export { lockWaitNotice } from "./lockWaitNotice.js";
