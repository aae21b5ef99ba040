/**
 * The import rules of src/ and scripts/ (`make imports`, part of `make test`): no cycles, and the
 * dependency direction of the README's Layout section. Type-only imports count: a cycle of types
 * is still a cycle a reader has to untangle.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module must not reach itself through its imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'services-and-data-know-no-http',
      severity: 'error',
      comment:
        'services/ and data/ are pure of HTTP: no Express, no openapi-backend, nothing of the edge (identity/ and its user context are allowed).',
      from: { path: '^src/(services|data)/' },
      to: {
        path: [
          '^node_modules/(express|openapi-backend|helmet|cors)/',
          '^src/(http|operations|contract)/',
          '^src/(app|request-pipeline|server)\\.ts$',
        ],
      },
    },
    {
      name: 'data-below-services',
      severity: 'error',
      comment: 'Dependencies point one way: operations -> services -> data.',
      from: { path: '^src/data/' },
      to: { path: '^src/services/' },
    },
    {
      name: 'identity-is-not-the-edge',
      severity: 'error',
      comment: 'identity/ knows tokens, gateways and the caller; Express and the HTTP edge are http/.',
      from: { path: '^src/identity/' },
      to: { path: ['^node_modules/express/', '^src/http/'] },
    },
    {
      name: 'contract-and-http-apart',
      severity: 'error',
      comment: 'contract/ and http/ do not import each other; what both need lives in errors/ or json-schema/.',
      from: { path: '^src/(contract|http)/' },
      to: { path: '^src/(contract|http)/', pathNot: '^src/$1/' },
    },
    {
      name: 'cli-is-entry-points-only',
      severity: 'error',
      comment: 'Nothing imports an entry point of cli/ but cli/ itself; library code lives elsewhere.',
      from: { path: '^(src|scripts)/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
