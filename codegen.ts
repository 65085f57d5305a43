import type { CodegenConfig } from '@graphql-codegen/cli';

// Codegen cannot load the TypeScript schema on Node 20, so it reads the printed SDL
// (`npm run codegen` prints it first).
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['schema/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'schema/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', DateTime: 'string' },
        importExtension: '.js',
      },
    },
  },
};

export default config;
