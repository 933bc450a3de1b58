import { readFileSync } from 'node:fs';

/**
 * The service's version: package.json's, read at start (the same file in a checkout and in the
 * image), so /healthz and postcopy_build_info never disagree with what was released.
 */
export const SERVICE_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
