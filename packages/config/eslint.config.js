// Shared lint preset. Workflow files may not touch Node built-ins or I/O: Temporal replays them.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process', 'os', 'worker_threads'];

export function waymarkEslint(...extra) {
  return tseslint.config(
    { ignores: ['**/dist/**', '**/generated/**', '**/build/**', '**/.svelte-kit/**', '**/node_modules/**'] },
    ...tseslint.configs.recommended,
    {
      rules: {
        '@typescript-eslint/no-explicit-any': 'error',
        '@typescript-eslint/consistent-type-imports': 'error',
        'no-empty': ['error', { allowEmptyCatch: false }],
      },
    },
    {
      files: ['**/*.workflow.ts', '**/workflows/index.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: nodeBuiltins.flatMap((name) => [name, `node:${name}`]),
            patterns: ['@prisma/*', '@waymark/db', 'pg'],
          },
        ],
        'no-restricted-globals': ['error', 'setInterval', 'fetch'],
      },
    },
    ...extra,
  );
}
