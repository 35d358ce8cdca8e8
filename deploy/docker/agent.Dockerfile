# syntax=docker/dockerfile:1
# The Argus agent image: the compiled agent (and @argus/proto) with production dependencies only.
# Non-root (65532), made for a read-only root filesystem (the chart and the install manifest mount an
# emptyDir at /var/lib/argus-agent for its credential file).
#
# Build from the repository root:
#   docker build -f deploy/docker/agent.Dockerfile -t argus-agent:0.1.0 .
#
# Every RUN step is a call of deploy/docker/build-runtime.sh; deploy/docker/runtime-layout.test.ts runs the
# same calls on the build machines (which have no Docker engine) and runs the agent from that layout.

ARG NODE_MAJOR=22

FROM node:${NODE_MAJOR}-bookworm-slim AS deps
WORKDIR /src
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

FROM deps AS build
COPY . .
RUN deploy/docker/build-runtime.sh agent /out

FROM gcr.io/distroless/nodejs${NODE_MAJOR}-debian12:nonroot AS runtime
ENV NODE_ENV=production
COPY --from=build /out/app /app
WORKDIR /app
USER 65532:65532
EXPOSE 8081
ENTRYPOINT ["/nodejs/bin/node", "/app/apps/agent/dist/main.js"]
