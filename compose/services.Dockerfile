# No `# syntax=` line: it would fetch a Dockerfile frontend from a registry; the
# engine's built-in frontend is enough for this file.
# One image for the reference services (catalog-api, search-indexer) and the
# one-shot db-setup, which applies mysql/ (migrations, sample data); compose
# picks the program with `command`. Build context: the repository root.
#   docker build -f compose/services.Dockerfile .
# NODE_IMAGE: the official slim image by default; CI passes a locally built
# Debian-based Node image (same `node` user, uid 1000). See compose/versions.env.
ARG NODE_IMAGE=node:22.23.2-bookworm-slim

# --- build: all dependencies, compile services/ to services/dist -------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no install script runs from the network; the one step of our own
# that `npm ci` runs on a checkout (prepare: generate) is its own RUN below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json buf.yaml buf.gen.yaml ./
COPY proto ./proto
COPY services ./services
# The gRPC contracts' TypeScript (services/lib/gen/, never in the context: .dockerignore)
# from proto/, with the devDependencies Buf and protoc-gen-es. Exec form: no shell.
RUN ["npm", "run", "generate"]
RUN npx tsc -p services/tsconfig.json

# --- runtime dependencies only ----------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- runtime: node, production node_modules, compiled JavaScript -------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# package.json stays: its "type": "module" makes node load dist/*.js as ES modules.
COPY --from=deps /app/package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/services/dist ./services/dist
# db-setup reads these as data; baked into the image, the host's file modes and a
# bind mount's semantics (Docker Desktop, NTFS) never matter.
COPY mysql ./mysql
# Runs the service's command and restarts it in place on SIGHUP (npm run dev's reload).
# Through bash, not as an executable: the host's file modes never matter. It replaces the
# official image's docker-entrypoint.sh, which only prepends `node` to a command that
# starts with a flag or names no program (nodejs/docker-node, 22/bookworm-slim); every
# command here starts with `node`. Kubernetes sets the command itself (k8s/): not there.
COPY compose/reload-on-hup.sh ./reload-on-hup.sh
ENTRYPOINT ["bash", "/app/reload-on-hup.sh"]
USER node
# GET /healthz on HEALTH_PORT (search-indexer) or PORT (catalog-api), through bash's
# /dev/tcp: starting Node for every check would cost ~0.6 s of CPU each time.
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=5 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${HEALTH_PORT:-${PORT:-3000}} && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
CMD ["node", "services/dist/catalog-api/main.js"]
