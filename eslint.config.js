// @ts-check
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Generated code is not ours to lint; its sources (openapi.yaml, prisma/schema.prisma) are checked by their own tests.
  { ignores: ['src/generated/', 'sdk/src/generated/', 'sdk/dist/', '.data/', 'coverage/', 'bench/results/'] },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    // `const { a: _, ...rest } = o` is how a key is left out of a copy.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    // The dashboard's plain JS is type-checked by tsc (src/dashboard/tsconfig.json), which knows the browser's globals.
    files: ['src/dashboard/**/*.js'],
    rules: { 'no-undef': 'off' },
  },
);
