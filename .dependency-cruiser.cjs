/**
 * The import graph, checked on every `npm test`:
 *   bots/* → core ← digest;  store implements core;  only main.ts and cli/ wire concrete parts.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", from: {}, to: { circular: true } },
    {
      name: "core-is-independent",
      comment: "src/core declares types and ports; it imports nothing else from the app.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^(src/(?!core/)|migrations/)" },
    },
    {
      name: "digest-only-uses-core",
      comment: "The digest (ingest, stories, pipeline) sees storage and platforms only through core ports.",
      severity: "error",
      from: { path: "^src/digest/" },
      to: { path: "^(src/(store|bots|cli)/|src/main\\.ts|src/config\\.ts|migrations/)" },
    },
    {
      name: "store-only-uses-core",
      severity: "error",
      from: { path: "^src/store/" },
      to: { path: "^src/(digest|bots|cli)/|^src/main\\.ts" },
    },
    {
      name: "bots-only-use-core",
      comment: "A platform never imports another platform, the store, the pipeline or config.",
      severity: "error",
      from: { path: "^src/bots/([^/]+)/" },
      to: { path: "^(src/(store|digest|cli)/|src/main\\.ts|src/config\\.ts|migrations/)" },
    },
    {
      name: "platforms-are-separate",
      severity: "error",
      from: { path: "^src/bots/([^/]+)/" },
      to: { path: "^src/bots/", pathNot: "^src/bots/$1/" },
    },
    {
      name: "migrations-are-frozen",
      comment: "Migrations never import src/: they must keep meaning what they meant when written.",
      severity: "error",
      from: { path: "^migrations/" },
      to: { path: "^src/" },
    },
    {
      name: "src-never-imports-tests",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(tests|bench)/" },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".js"] },
  },
};
