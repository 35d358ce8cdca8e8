# The Argus agent image: node:20 slim, the compiled agent and its production dependencies only.
# Build from the repository root:  docker build -f deploy/docker/agent.Dockerfile -t argus-agent:0.1.0 .
# (Not built in CI here: the build machines have no Docker engine.)

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json tsconfig.build.json ./
COPY packages/proto/package.json packages/proto/
COPY apps/agent/package.json apps/agent/
RUN npm ci --workspace @argus/agent --include-workspace-root --ignore-scripts --no-audit --no-fund
COPY packages/proto packages/proto
COPY apps/agent apps/agent
RUN npx tsc -b apps/agent \
 && npm prune --omit=dev --workspace @argus/agent --ignore-scripts \
 && rm -rf packages/proto/src apps/agent/src

FROM gcr.io/distroless/nodejs20-debian12:nonroot
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/packages/proto/package.json ./packages/proto/
COPY --from=build /src/packages/proto/dist ./packages/proto/dist
COPY --from=build /src/apps/agent/package.json ./apps/agent/
COPY --from=build /src/apps/agent/dist ./apps/agent/dist
# The workspace link node_modules/@argus/proto points at ../../packages/proto.
USER 65532:65532
EXPOSE 8081
ENTRYPOINT ["/nodejs/bin/node", "/app/apps/agent/dist/main.js"]
