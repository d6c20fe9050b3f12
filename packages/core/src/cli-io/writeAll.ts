/**
 * Write all of `text` to a file descriptor synchronously. The short-lived bins (the credential_process shim, the
 * CLI's fast path) write their answer this way: process.stdout would load the whole streams stack for one short
 * write, and an asynchronous write could be cut off by the exit that follows.
 */
export function writeAll(fd: number, text: string): void {
  const fs = process.getBuiltinModule("node:fs");
  let buf = Buffer.from(text, "utf8");
  while (buf.length > 0) {
    try {
      buf = buf.subarray(fs.writeSync(fd, buf));
    } catch (e) {
      // A non-blocking pipe that is full: wait for the reader rather than drop output.
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
