import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

const API_VERSION = '1.0.0';

type MediaType = { schema?: { $ref?: string } & Record<string, unknown>; example?: unknown };
type OpenApiDocument = {
  paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, MediaType> }; responses?: Record<string, { content?: Record<string, MediaType> }> }>>;
  components?: { schemas?: Record<string, { examples?: unknown[] }> };
};

/**
 * Three touches on the generated document: inline each request body's schema (the input variant,
 * whose defaulted fields are optional) into its operation, so that client generators treat it as a
 * request body (openapi-typescript, by default, makes a field with a default required in a
 * component schema but not in a request body); lift each body's first schema example to the media
 * type, where SDK generators and docs UIs look; and drop component variants nothing refers to (the
 * zod transform emits an input and an output variant of every registered schema).
 */
function finishDocument(doc: OpenApiDocument): OpenApiDocument {
  const schemas = doc.components?.schemas ?? {};
  const componentOf = (media: MediaType) => {
    const name = media.schema?.$ref?.startsWith('#/components/schemas/') ? media.schema.$ref.split('/').pop() : undefined;
    return name ? schemas[name] : undefined;
  };
  const liftExample = (media: MediaType, examples: unknown[] | undefined) => {
    if (examples?.length && media.example === undefined) media.example = structuredClone(examples[0]); // a copy: no YAML alias
  };
  for (const op of Object.values(doc.paths ?? {}).flatMap((item) => Object.values(item))) {
    for (const media of Object.values(op.requestBody?.content ?? {})) {
      const component = componentOf(media);
      if (!component) continue;
      liftExample(media, component.examples);
      media.schema = structuredClone(component) as MediaType['schema'];
    }
    for (const media of Object.values(op.responses ?? {}).flatMap((r) => Object.values(r.content ?? {}))) {
      liftExample(media, componentOf(media)?.examples);
    }
  }
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(doc.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  return doc;
}

/**
 * The docs page's policy: swagger-ui's own (script and style hashes of its inline parts) without
 * what it allows beyond this origin (`https:` fonts and styles, the online validator) and without
 * upgrade-insecure-requests (the service runs on plain http locally); no framing at all.
 */
function docsCsp(header: string): string {
  return header
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && d !== 'upgrade-insecure-requests')
    .map((d) => {
      const [name, ...values] = d.split(/\s+/);
      if (name === 'frame-ancestors') return "frame-ancestors 'none'";
      return [name, ...values.filter((v) => v !== 'https:' && v !== 'validator.swagger.io')].join(' ');
    })
    .concat("form-action 'none'")
    .join('; ');
}

/** The OpenAPI 3.1 document, derived from the routes' zod schemas, and the docs page at /docs. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Post-copy migration lab',
          version: API_VERSION,
          description:
            'Orchestrates simulated post-copy live migrations of KVM virtual machines: submit a VM, workload, ' +
            'fault-handling strategy and network; read the phases, page arrivals, fault latencies, blocktime and ' +
            'every per-page fault event. Errors are RFC 9457 application/problem+json.',
          license: { name: 'MIT', identifier: 'MIT' },
        },
        servers: [{ url: 'http://127.0.0.1:3000', description: 'Local development' }],
        // Every operation needs a tenant's key unless it states otherwise (health: security []).
        // With AUTH=off (the loopback default) no key is needed and every request acts as tenant "default".
        security: [{ apiKey: [] }],
        components: {
          securitySchemes: {
            apiKey: {
              type: 'http',
              scheme: 'bearer',
              description:
                'An API key of a tenant (`Authorization: Bearer pcl_...`), created with `npm run cli -- keys create --tenant <name>`. ' +
                'A key reaches only its tenant\'s migrations: another tenant\'s are 404, as if they did not exist. ' +
                'Not needed when the service runs with AUTH=off (the default while it listens on 127.0.0.1).',
            },
          },
        },
        tags: [
          { name: 'migrations', description: 'Submit and follow simulated migrations.' },
          { name: 'faults', description: 'Per-page fault events of a migration.' },
          { name: 'violations', description: 'Correctness violations of a migration, every one recorded.' },
          { name: 'health', description: 'Liveness, readiness and the API description.' },
        ],
      },
      transform: jsonSchemaTransform,
      transformObject: (input) => finishDocument(jsonSchemaTransformObject(input) as OpenApiDocument),
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, transformStaticCSP: docsCsp });
  },
  { name: 'openapi' },
);
