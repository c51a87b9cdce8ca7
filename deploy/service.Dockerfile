# syntax=docker/dockerfile:1
# Production image of one Carebook service: any subgraph or the gateway. One
# file for all of them; the build arguments say which (docker-compose.yml
# passes them for every service). Build from the repository root:
#   docker build -f deploy/service.Dockerfile \
#     --build-arg PACKAGE_DIR=subgraphs/doctor --build-arg PORT=4003 -t carebook/doctor .
# PACKAGE_DIR: the package's folder (subgraphs/<name>, or gateway).
# PORT: the port it listens on by default (SERVICE_PORTS in packages/platform).
# Configuration comes from the environment at run time; see .env.example.

# --- build: install the workspace from the lockfile, compile, then deploy the
# package with its production dependencies only into /out.
FROM node:20-bookworm-slim AS build
ARG PACKAGE_DIR
RUN test -n "$PACKAGE_DIR" || (echo "set --build-arg PACKAGE_DIR (subgraphs/<name> or gateway)" >&2; exit 1)
RUN npm install -g pnpm@12.4.2
WORKDIR /workspace
COPY . .
RUN pnpm install --frozen-lockfile
# Compiles the package and what it references (packages/platform) into their dist/.
RUN pnpm exec tsc -b ${PACKAGE_DIR}
# "files": ["dist"] in each package.json makes deploy carry the compiled output.
RUN pnpm --filter ./${PACKAGE_DIR} deploy --prod --legacy /out
# The container's health check (it finds the service's port as the service does).
RUN cp deploy/healthcheck.cjs /out/healthcheck.cjs
# The gateway serves the statically composed supergraph (committed at the root; SUPERGRAPH_PATH points at it).
RUN if [ "$PACKAGE_DIR" = gateway ]; then cp supergraph.graphql /out/supergraph.graphql; fi

# --- runtime: the compiled package, its production node_modules, nothing else.
FROM node:20-bookworm-slim
ARG PORT
ENV NODE_ENV=production
WORKDIR /app
# Owned by root: the service user can read it but not change it (the process writes nothing here).
COPY --from=build /out/ ./
USER node
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD ["node", "healthcheck.cjs"]
CMD ["node", "dist/main.js"]
