# syntax=docker/dockerfile:1
# The service: one image for the API and the worker (ROLE=api | worker | all). Node 20, as on the
# lab machines (package.json engines). Build: docker build -t postcopy-lab . ; or run the whole
# stack with `docker compose --profile stack up` (docker-compose.yml).
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NPM_CONFIG_AUDIT=false NPM_CONFIG_FUND=false NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
# `npm install` from the lockfile, as CI installs it (a fresh install leaves the lockfile unchanged:
# test/unit/dependencies.unit.test.ts). No install scripts: none of our dependencies needs one
# (prebuilt binaries ship in the packages), and the Prisma client is generated explicitly below.
RUN npm install --ignore-scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/prisma-generate.ts ./scripts/
RUN npx tsx scripts/prisma-generate.ts
# Runtime dependencies only: JSON logs (no pino-pretty), no compilers, no test tools.
RUN npm prune --omit=dev --ignore-scripts

FROM ${NODE_IMAGE}
WORKDIR /app
# HOST 0.0.0.0: reachable from other containers (AUTH=auto then means on, see README "Security").
# LOCAL_SERVICES off: Postgres and Redis are other containers, never embedded ones.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 ROLE=api LOCAL_SERVICES=off LOG_FORMAT=json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/src/generated ./src/generated
COPY package.json package-lock.json tsconfig.json ./
COPY prisma ./prisma
COPY src ./src
COPY ops/docker/healthcheck.mjs ./ops/docker/
# The image's files stay root's; the process runs as the base image's unprivileged "node" user.
USER node
EXPOSE 3000 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["node", "ops/docker/healthcheck.mjs"]
# node, not npm start: signals (docker stop's SIGTERM) reach the service, which hands running jobs
# back to the queue. TypeScript runs through tsx, a runtime dependency, as in `npm start`.
CMD ["node", "--import", "tsx", "src/main.ts"]
