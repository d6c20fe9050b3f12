// Lets plain `node` (24+, which strips TypeScript types itself) run our sources in child processes:
// the sources import "./x.js" as NodeNext requires, so map a missing relative .js to its .ts file.
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (e) {
      if (/^(\.{1,2}\/|\/|file:)/.test(specifier) && specifier.endsWith(".js")) {
        return nextResolve(specifier.slice(0, -3) + ".ts", context);
      }
      throw e;
    }
  },
});
