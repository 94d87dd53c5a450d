/* global module */
// The layers of src/ point one way (npm run lint checks it):
//   domain  <- contract, db <- services <- handlers <- pipeline/app/server
// with auth, audit, blobs and http beside them. Lower layers never import upward.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-stands-alone',
      comment: 'Domain primitives (CBE, dates, TranslatedString, search text, reference kinds) import nothing of the app.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(src|generated)/', pathNot: '^src/domain/' },
    },
    {
      name: 'db-below-services',
      comment: 'The data layer knows the domain and the contract types, nothing that serves requests.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/(services|handlers|http|auth|audit|pipeline|app|server|cli)' },
    },
    {
      name: 'contract-below-services',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { path: '^src/(services|handlers|db|auth|audit|pipeline|app|server|cli)' },
    },
    {
      name: 'services-below-handlers',
      comment: 'Services hold business rules; they never see Koa, handlers or the pipeline.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(handlers|pipeline|app|server|cli)|^koa$|^@koa/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
