/**
 * Writes openapi.yaml from the routes' zod schemas, then the TypeScript types of the contract
 * (src/generated/openapi.ts, and the SDK's copy in sdk/src/generated/) from openapi.yaml with
 * openapi-typescript. A test fails when any committed file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { renderOpenApiYaml, renderOpenApiTypes } from './openapi-document.js';

const yaml = await renderOpenApiYaml();
await writeFile(new URL('../openapi.yaml', import.meta.url), yaml);
const types = await renderOpenApiTypes(yaml);
await writeFile(new URL('../src/generated/openapi.ts', import.meta.url), types);
// The SDK package (sdk/) carries its own copy: it is published without the rest of the repository.
await writeFile(new URL('../sdk/src/generated/openapi.ts', import.meta.url), types);
console.log('wrote openapi.yaml, src/generated/openapi.ts and sdk/src/generated/openapi.ts');
