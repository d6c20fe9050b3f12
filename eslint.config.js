import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

/**
 * Import direction inside core, lowest layer first: a folder imports only from folders in layers below its own, so
 * shared helpers sit below the feature folders and no folder imports one that imports it. A new upward import fails
 * `pnpm lint` (import-x/no-restricted-paths). Specs and test-support may import anything. A new folder goes into a
 * layer here (core's importDirection.spec.ts fails until it does).
 */
export const CORE_LAYERS = [
  ["errors.ts", "types.ts", "deps.ts", "hash"],
  ["network"], // how every AWS call connects (proxy, CA bundle) and what a network failure means: below the error mapper
  ["util", "aws-errors", "cli-io"],
  ["fs"],
  ["keys"],
  ["paths", "config"],
  ["endpoints", "region", "token", "export", "exec", "populate", "profile-files", "console", "compile-cache"],
  ["login", "credentials", "configure"],
  ["accounts", "assume-role", "serve", "token-input"],
  ["provider", "logout", "token-transfer"],
];

const core = (name) => `./packages/core/src/${name}`;
const coreZones = CORE_LAYERS.flatMap((layer, i) => {
  const above = CORE_LAYERS.slice(i + 1).flat();
  return layer.flatMap((name) => [
    ...(above.length ? [{ target: core(name), from: above.map(core), message: `core layering: ${name} sits below these folders (see CORE_LAYERS in eslint.config.js).` }] : []),
    // Folders of one layer do not import each other either.
    ...layer.filter((other) => other !== name).map((other) => ({ target: core(name), from: core(other), message: `core layering: ${name} and ${other} are one layer and do not import each other.` })),
  ]);
});

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.tools/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    files: ["packages/core/src/**/*.ts"],
    ignores: ["**/*.spec.ts", "**/test-support/**"],
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver({ project: "packages/core/tsconfig.json" })] },
    rules: { "import-x/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones: coreZones }] },
  },
);
