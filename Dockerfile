# The site in one image: built in a first stage, run by an unprivileged user with its data on volumes.
# docker compose up (compose.yaml) runs it beside Meilisearch; README "Production" explains the settings.

FROM node:24-slim AS build
WORKDIR /app
# better-sqlite3 and @node-rs/argon2 normally install prebuilt binaries; the compilers are for when none fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4321 \
    DATABASE_PATH=/data/intelligent-center.db \
    UPLOADS_DIR=/uploads \
    BACKUP_DIR=/backups
WORKDIR /app
# The launcher runs the TypeScript sources with Node's type stripping (src/server/serve.ts), so they ship with dist/.
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/src ./src
COPY --from=build --chown=node:node /app/db ./db
COPY --from=build --chown=node:node /app/search ./search
COPY --from=build --chown=node:node /app/content ./content
RUN mkdir -p /data /uploads /backups && chown node:node /data /uploads /backups
USER node
VOLUME ["/data", "/uploads", "/backups"]
EXPOSE 4321
# Liveness only: a slow database or a stopped Meilisearch must not get a live server restarted (/readyz tells those).
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4321) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM finishes requests in flight and writes the search indexing queue out (up to 20 s; compose allows 30).
STOPSIGNAL SIGTERM
# The V8 flags of src/server/node-flags.ts (decision 026).
CMD ["node", "--max-semi-space-size=4", "src/server/serve.ts"]
