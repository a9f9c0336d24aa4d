# syntax=docker/dockerfile:1.7
# Waymark worker (Temporal worker; health and metrics on :4100). Build from the repository root:
#   docker build -f infra/docker/worker.Dockerfile -t waymark/worker .
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH \
    TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
RUN npm install -g pnpm@10.34.9 && npm cache clean --force && pnpm config set --global store-dir /pnpm/store
WORKDIR /app

# Only the packages the worker needs: turbo prune writes their manifests (json/) and sources (full/).
FROM base AS prune
COPY . .
RUN pnpm dlx turbo@2.11.11 prune @waymark/worker --docker --out-dir /pruned

FROM base AS build
COPY --from=prune /pruned/json/ ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile
COPY --from=prune /pruned/full/ ./
RUN pnpm turbo run build --filter=@waymark/worker...
# Keep production dependencies only; with the store cache this is a local relink.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    find . -name node_modules -type d -prune -exec rm -rf {} + && \
    pnpm install --frozen-lockfile --prod --prefer-offline

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production WAYMARK_WORKER_PORT=4100 WAYMARK_PLUGIN_APP_DIR=/app/apps/worker
WORKDIR /app
COPY --from=build --chown=node:node /app ./
USER node
EXPOSE 4100
# Liveness only: the worker answers /health while its Temporal worker runs.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.WAYMARK_WORKER_PORT||4100)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec form: node receives SIGTERM directly, stops polling and lets running activities finish.
STOPSIGNAL SIGTERM
CMD ["node", "apps/worker/dist/main.js"]
