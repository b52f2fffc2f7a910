# syntax=docker/dockerfile:1
# chamado: build with the dev dependencies, run on plain node with the production ones only.
#   docker build -t chamado .
#   docker compose up -d        (service, PostgreSQL, Redis; migrations applied first)

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Every dependency, the Prisma client generated, src/ bundled into dist/ (esbuild, scripts/build.mjs).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV PUPPETEER_SKIP_DOWNLOAD=true
COPY package.json package-lock.json .puppeteerrc.cjs prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

# 2. Production dependencies only. No install scripts: the generated Prisma client is already bundled into
#    dist/, and no browser is ever downloaded (WhatsApp Web uses CHROMIUM_PATH).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV PUPPETEER_SKIP_DOWNLOAD=true
COPY package.json package-lock.json .puppeteerrc.cjs ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# 3. What runs: node, dist/, the migrations, production node_modules; as the unprivileged node user.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000 \
    HOST=0.0.0.0
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY prisma ./prisma
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The service stops gracefully on SIGTERM within SHUTDOWN_TIMEOUT_MS; node is PID 1's only child of note.
STOPSIGNAL SIGTERM
# The same V8 options as `npm run start:prod` (see the README's Deployment section): one background
# thread instead of four, whose malloc arenas kept ~40 MB after start, and young generation of 2 MB
# halves instead of up to 16 MB. Together about 60 MB less RSS for an idle service.
CMD ["node", "--max-semi-space-size=2", "--v8-pool-size=1", "dist/app/main.js"]
