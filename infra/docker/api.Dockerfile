# syntax=docker/dockerfile:1.7
# Waymark API (NestJS GraphQL on :4000). Build from the repository root:
#   docker build -f infra/docker/api.Dockerfile -t waymark/api .
# The same image runs the database migrations: `node packages/db/dist/cli.js migrate`.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH \
    TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
RUN npm install -g pnpm@10.34.9 && npm cache clean --force && pnpm config set --global store-dir /pnpm/store
WORKDIR /app

# Only the packages the API needs: turbo prune writes their manifests (json/) and sources (full/).
FROM base AS prune
COPY . .
RUN pnpm dlx turbo@2.11.11 prune @waymark/api --docker --out-dir /pruned

FROM base AS build
COPY --from=prune /pruned/json/ ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile
COPY --from=prune /pruned/full/ ./
RUN pnpm turbo run build --filter=@waymark/api... --filter=@waymark/db
# Keep production dependencies only; with the store cache this is a local relink.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    find . -name node_modules -type d -prune -exec rm -rf {} + && \
    pnpm install --frozen-lockfile --prod --prefer-offline

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=4000 WAYMARK_PLUGIN_APP_DIR=/app/apps/api
WORKDIR /app
COPY --from=build --chown=node:node /app ./
USER node
EXPOSE 4000
# Liveness only: readiness (/ready: database and Temporal) is the orchestrator's probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec form: node receives SIGTERM directly and drains open requests before exiting.
STOPSIGNAL SIGTERM
CMD ["node", "apps/api/dist/main.js"]
