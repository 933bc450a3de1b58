/**
 * @postcopy-lab/sdk: the typed client of the post-copy migration lab API.
 * Types are generated from the service's openapi.yaml by openapi-typescript; requests go through openapi-fetch.
 */
export * from './client.js';
export type { components, operations, paths } from './generated/openapi.js';
