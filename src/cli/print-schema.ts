import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { PRINTED_SCHEMA_PATH } from '../schema/printed.js';
import { schema } from '../schema/index.js';

// Development command (`npm run schema:print`): writes the SDL partners and codegen read.
writeFileSync(PRINTED_SCHEMA_PATH, `${printSchema(schema)}\n`);
console.log(`wrote ${PRINTED_SCHEMA_PATH}`);
