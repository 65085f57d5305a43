import { fileURLToPath } from 'node:url';

/** Where the printed SDL is committed; a test fails when it differs from the Pothos schema. */
export const PRINTED_SCHEMA_PATH = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
