import { pino } from 'pino';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { appDepsOf, createContainer } from '../src/container.js';

/**
 * The OpenAPI document as the application describes itself. Connections are created lazily and
 * none is used: building the routes needs no running Postgres or Redis.
 */
export async function renderOpenApiYaml(): Promise<string> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const log = pino({ level: 'silent' });
  const container = createContainer(config, log);
  try {
    const app = await buildApp(appDepsOf(container));
    const yaml = app.swagger({ yaml: true });
    await app.close();
    return yaml;
  } finally {
    await container.close();
  }
}

const HEADER = '/**\n * Generated from openapi.yaml by openapi-typescript (npm run generate:openapi). Do not edit.\n */\n\n';

export async function renderOpenApiTypes(yaml: string): Promise<string> {
  // defaultNonNullable: false: a request field with a default may be omitted (openapi-typescript would
  // otherwise make it required). Response fields that always have a value are listed as `required`.
  return HEADER + astToString(await openapiTS(yaml, { defaultNonNullable: false }));
}
