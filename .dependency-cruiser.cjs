/**
 * The layer rules of ENGINEERING.md ("arrows point down only"), held by a tool in `npm run lint`.
 * A new arrow up is a design question, not an exception to add here.
 */
const pureLayers = '^(src/[^/]+/domain/|src/shared/domain/|src/rules/|projections/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'Deciders, the domain kernel, the rule profiles and the projections are pure: they reach only each other (events, kernel, rules) and small pure libraries — never Nest, HTTP, the database or the event store.',
      from: { path: pureLayers, pathNot: '\\.spec\\.ts$' },
      to: {
        pathNot: [pureLayers, '^node_modules/(decimal\\.js|uuid)/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'domain-uses-no-io-builtins',
      severity: 'error',
      comment: 'Pure layers may hash, but never touch files, sockets, processes or timers.',
      from: { path: pureLayers },
      to: { dependencyTypes: ['core'], pathNot: '^(node:)?crypto$' },
    },
    {
      name: 'no-foreign-controller',
      severity: 'error',
      comment:
        "A module never imports another module's controller; what two modules share lives beside its projection or in a query file.",
      from: { path: '^src/([^/]+)/' },
      to: { path: '\\.controller\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make layers meaningless; break them by moving the shared piece down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'event-store-is-the-ground',
      severity: 'error',
      comment:
        'The event store (port and adapters) stands on config, the database and the kernel only; everything else stands on it.',
      from: { path: '^src/event-store/' },
      to: {
        path: '^src/',
        pathNot: '^src/(event-store|config|database|shared/domain)/',
      },
    },
    {
      name: 'shared-knows-no-feature',
      severity: 'error',
      comment: 'src/shared is below every feature module: it never imports one.',
      from: { path: '^src/shared/' },
      to: {
        path: '^src/',
        pathNot: '^src/(shared|event-store|config|database)/',
      },
    },
    {
      name: 'only-the-event-store-knows-its-client',
      severity: 'error',
      comment: 'Every use of @eventstore/db-client stays in the EventStoreDB adapter folder.',
      from: { pathNot: '^src/event-store/eventstoredb/' },
      to: { path: '^node_modules/@eventstore/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
