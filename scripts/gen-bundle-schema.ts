// Writes docs/bundle.schema.json from the zod model (npm run docs:schema). A test keeps it in sync.
import { writeFileSync } from 'node:fs';
import { bundleJsonSchema } from '../src/bundle/format.js';

writeFileSync(new URL('../docs/bundle.schema.json', import.meta.url), JSON.stringify(bundleJsonSchema(), null, 2) + '\n');
console.log('wrote docs/bundle.schema.json');
