/**
 * Writes openapi.yaml from the routes' zod schemas, then the TypeScript types of the contract
 * (sdk/src/generated/openapi.ts, the SDK's and the tests' single copy) from openapi.yaml with
 * openapi-typescript. Tests fail when either committed file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { renderOpenApiYaml, renderOpenApiTypes } from './openapi-document.js';

const yaml = await renderOpenApiYaml();
await writeFile(new URL('../openapi.yaml', import.meta.url), yaml);
const types = await renderOpenApiTypes(yaml);
// In the SDK package: it is published without the rest of the repository.
await writeFile(new URL('../sdk/src/generated/openapi.ts', import.meta.url), types);
console.log('wrote openapi.yaml and sdk/src/generated/openapi.ts');
