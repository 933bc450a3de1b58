import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyPluginAsync } from 'fastify';

const ADMIN_QUEUES_PATH = '/admin/queues';

/**
 * bull-board at /admin/queues: the BullMQ queues, their jobs, progress and failures. It can retry
 * and remove jobs, so in production put it behind the same access control as the rest of /admin.
 * Its routes are outside the API contract (hidden from openapi.yaml).
 */
export const adminRoutes: FastifyPluginAsync<{ queues: Queue[] }> = async (app, { queues }) => {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Post-copy lab queues' } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: ADMIN_QUEUES_PATH });
};
