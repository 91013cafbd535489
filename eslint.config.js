// ESLint flat config: TypeScript rules plus the import edges that keep the architecture honest.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const grayMatterRule = {
  name: 'gray-matter',
  message: 'Use shared/frontmatter/safeMatter.ts: raw gray-matter runs ---js front matter as code.',
};
const isomorphicGitRule = {
  name: 'isomorphic-git',
  message: 'Only server/git/ talks to isomorphic-git; go through the git store.',
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'content', 'coverage', 'test-results', '.bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { paths: [grayMatterRule, isomorphicGitRule] }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [grayMatterRule, isomorphicGitRule],
          patterns: [
            {
              group: ['**/server/**', 'node:*'],
              message: 'The client must not import server code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [grayMatterRule, isomorphicGitRule],
          patterns: [
            {
              group: ['**/server/**', '**/client/**'],
              message: 'shared/ imports nothing from server/ or client/.',
            },
            { group: ['node:*', 'fs', 'path'], message: 'shared/ is pure: no fs, no DOM.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/frontmatter/safeMatter.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['server/git/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [grayMatterRule] }] },
  },
);
