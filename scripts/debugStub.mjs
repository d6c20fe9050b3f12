// A silent stand-in for the `debug` package in the hot bundles (see hotBundle.mjs): a logger factory whose loggers
// print nothing, as `debug` does when DEBUG is unset.
export default function createDebug() {
  const log = () => {};
  log.enabled = false;
  return log;
}
