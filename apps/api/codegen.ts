import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations for clients (the console), generated from the committed schema.graphql and the
// documents in operations/*.graphql into generated/ (run by the build).
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['operations/**/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    'generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
    },
  },
};

export default config;
