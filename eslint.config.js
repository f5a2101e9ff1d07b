// Lint: typescript-eslint's type-aware rules; floating promises are errors (STYLE.md); the house's boundaries (issue 19).
import tseslint from 'typescript-eslint';

// Boundaries. Import cycles and imports from a lower layer to a higher one are checked by
// tests/unit/house/imports.unit.test.ts (the whole graph, with the layers of tests/unit/house/layers.ts).
const noNode = { group: ['node:*'], message: 'pure code: no Node.js modules (no I/O, no clock) here' };
// Hashing is a pure function: domain/ ids and fingerprints use node:crypto (workflow sandbox code may not).
const noNodeButHashes = { group: ['node:*', '!node:crypto'], message: noNode.message };
const noServices = { group: ['**/services/**'], message: 'pure code must not import process code (services/)' };
const noWorkflows = { group: ['**/workflows/**'], message: 'domain and schemas are below workflows' };
const noZod = {
  group: ['zod', 'zod/*'],
  allowTypeImports: true,
  message: 'zod builds schemas at import: keep it in schemas/ and at the edges',
};
const boundary = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });
/** Code the Temporal workflow bundle runs in its sandbox (workflows/index.ts and its value imports). */
const WORKFLOW_SANDBOX = [
  'workflows/index.ts',
  'workflows/*/workflow.ts',
  'workflows/*/plan.ts',
  'workflows/*/outcome.ts',
  'workflows/backfill/messages.ts',
  'workflows/series-tally/messages.ts',
  'workflows/webhooks/messages.ts',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.cache/',
      'dist/',
      'dist.*/',
      '.*.ts',
      'coverage/',
      'services/surfaces/api/public/vendor/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // domain/: pure rules (types from schemas/ only).
  { files: ['domain/**/*.ts'], rules: boundary(noNodeButHashes, noServices, noWorkflows, noZod) },
  // schemas/: the zod contracts (zod is their point), nothing of Node, the processes or the workflows.
  { files: ['schemas/**/*.ts'], rules: boundary(noNode, noServices, noWorkflows) },
  { files: WORKFLOW_SANDBOX, rules: boundary(noNode, noServices, noZod) },
);
