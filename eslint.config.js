// ESLint over src/, test/, scripts/, bench/, the SDK (clients/typescript) and these config files
// (`make lint`; `make format` fixes what it can).
// typescript-eslint's `recommended` set, not the type-checked one: `tsc --noEmit` (strict) already runs
// in `make test`, and with `recommendedTypeChecked` (and `projectService`) `time npx eslint .` took
// 39 s wall, 17.5 s CPU here against 12.5 s wall, 4.7 s CPU (2026-12-01, two busy cores).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'dist/',
    'generated/',
    'coverage/',
    'test-output/',
    'data/',
    'clients/interop/',
    'clients/typescript/dist/',
    'bench/charts/',
    'bench/results/',
    'bench/.data/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      // A leading underscore marks a name kept on purpose: a key left out by rest destructuring, the
      // fourth parameter Express needs to see an error handler.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `{}` is the identity of an intersection in the type-level helpers (a parameter-less
      // operation's input, a column with no extra flags), which is what those helpers mean by it.
      '@typescript-eslint/no-empty-object-type': ['error', { allowObjectTypes: 'always' }],
      // A catch that swallows on purpose says why in a comment beside it (the logger's stdout flush).
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // Kysely<any>: SimpleTable and DataNode declare their tables at run time, and the declarations
    // type the rows themselves (RecordOf, InsertOf), so the query builder's schema is left open.
    files: ['src/data/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests read untyped JSON bodies (supertest's `any`) and build partial fakes; the docs scripts
    // walk the parsed YAML of openapi.yaml, which has no static type.
    files: ['test/**/*.ts', 'scripts/docs/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  prettier,
);
