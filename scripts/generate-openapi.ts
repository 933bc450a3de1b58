/**
 * Writes openapi.yaml from the routes' zod schemas, then the TypeScript types of the contract
 * (src/generated/openapi.ts) from openapi.yaml with openapi-typescript. A test fails when either
 * committed file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { renderOpenApiYaml, renderOpenApiTypes } from './openapi-document.js';

const yaml = await renderOpenApiYaml();
await writeFile(new URL('../openapi.yaml', import.meta.url), yaml);
await writeFile(new URL('../src/generated/openapi.ts', import.meta.url), await renderOpenApiTypes(yaml));
console.log('wrote openapi.yaml and src/generated/openapi.ts');
