// Lint: ESLint's and typescript-eslint's recommended rules (untyped, so they work with any TypeScript).
// Formatting is Prettier's job (npm run format); Biome was dropped because its per-platform packages
// are missing from the registry these machines use, which makes `npm ci` fail.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layering (issue 11): the core knows no platform and no adapter; adapters know the core and their
// ports, never each other, the store or the composition root.
const CORE = [
  'src/domain/**',
  'src/workflows/**',
  'src/views/**',
  'src/templates/**',
  'src/reports/**',
  'src/artefacts/**',
  'src/config/**',
];
const adapterRules = (other) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: [`**/bot/${other}/**`, `../${other}/**`], message: `Adapters never import each other (${other}).` },
        { group: ['**/store/**'], message: 'Adapters reach the store only through their ports (src/ports).' },
        {
          group: ['**/app/**'],
          message: 'Adapters never import the composition root: it hands them their ports (src/ports).',
        },
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', '.tmp/', 'coverage/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: CORE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/bot/**', '**/app/**', '**/ports/**'],
              message:
                'The core never imports the chat adapters, the command layer, the composition root or the ports.',
            },
            {
              group: ['**/store/*', '!**/store/store.js'],
              message: 'The core reaches the store only through its port (store/store.js), never an adapter.',
            },
          ],
        },
      ],
    },
  },
  { files: ['src/bot/slack/**'], rules: adapterRules('teams') },
  { files: ['src/bot/teams/**'], rules: adapterRules('slack') },
);
