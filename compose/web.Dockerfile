# No `# syntax=` line: it would fetch a Dockerfile frontend from a registry.
# The booking front end: web/ built by Vite, served from memory by web/server (Fastify,
# bundled into one file). Build context: the repository root.
#   docker build -f compose/web.Dockerfile .
# NODE_IMAGE: the official slim image by default; CI passes its Debian-based stand-in
# (compose/versions.env, ci/images/node). The same image the services use.
ARG NODE_IMAGE=node:22.23.2-bookworm-slim

# --- build: the page (Vite) and the static server (esbuild) ------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The same layer as compose/services.Dockerfile's: built once, cached for both.
# --ignore-scripts: esbuild, Rollup, Tailwind's oxide and lightningcss find their native
# parts in their platform packages (optional dependencies); no install script runs.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY web ./web
# What the page runs of services/ (imported through the contracts, test/unit/static/service-contracts.test.ts):
# the stay's rules and the hotel domain (services/lib), payment's test cards, the image URLs' sizes and formats.
# Types of other services are erased.
COPY services/lib ./services/lib
COPY services/payment/contract.ts services/payment/test-cards.ts ./services/payment/
COPY services/images/contract.ts ./services/images/
# The server and its dependencies (Fastify, pino) in one ES module, so the runtime stage
# needs no node_modules and no install. Fastify's CommonJS requires Node built-ins, which
# an ES module bundle can only do through createRequire (evanw/esbuild#1921): the banner.
RUN npx vite build web \
 && npx esbuild web/server/main.ts --bundle --platform=node --format=esm --target=node20 \
      --log-level=warning --outfile=web/server/dist/main.js \
      "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"

# --- runtime: node, the server's JavaScript, the built page ------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=8080 WEB_ROOT=/app/dist
WORKDIR /app
# "type": "module": node loads server/main.js as an ES module. No node_modules: it is one bundle.
RUN echo '{"type":"module","private":true}' > package.json
COPY --from=build /app/web/server/dist ./server
COPY --from=build /app/web/dist ./dist
USER node
# bash's /dev/tcp, as the services do: starting Node for every check costs CPU at idle.
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=5 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
CMD ["node", "server/main.js"]
