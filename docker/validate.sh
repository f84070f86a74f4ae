#!/usr/bin/env bash
# Validates docker/compose.yml without a Docker engine (CI-friendly).
#
#   docker/validate.sh
#
# - Uses `docker-compose` (v1, e.g. Debian's 1.29 package); installs it with apt-get if missing.
#   If neither docker-compose nor apt-get is available, prints SKIP and exits 0.
# - Also runs `docker compose config` when the Compose v2 plugin happens to be installed.
# - Checks that the stack refuses to render without ADMIN_API_KEY, PORTAL_SECRET, METRICS_TOKEN or
#   GRAFANA_ADMIN_PASSWORD, and that the monitoring files it mounts are there.
# Exit status: 0 = valid (or skipped), 1 = invalid.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
compose_file=docker/compose.yml

# A placeholder (>= 24 characters) just so interpolation succeeds; not a real secret.
placeholder_key='validate-placeholder-key-0000000000'

if ! command -v docker-compose >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=''
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1; then
        sudo='sudo'
      else
        echo "SKIP: docker-compose is not installed and apt-get needs root (no sudo available)." >&2
        exit 0
      fi
    fi
    echo "Installing docker-compose with apt-get ..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq docker-compose >/dev/null
  else
    echo "SKIP: docker-compose is not installed and apt-get is not available; compose file not validated." >&2
    exit 0
  fi
fi

status=0
# The other required settings, so that each check below fails only for the one it leaves out.
export METRICS_TOKEN="${METRICS_TOKEN:-$placeholder_key}" GRAFANA_ADMIN_PASSWORD="${GRAFANA_ADMIN_PASSWORD:-$placeholder_key}"

echo "== docker-compose $(docker-compose version --short 2>/dev/null || echo '?'): config"
if ADMIN_API_KEY="${ADMIN_API_KEY:-$placeholder_key}" PORTAL_SECRET="${PORTAL_SECRET:-$placeholder_key$placeholder_key}" \
  docker-compose -f "$compose_file" config -q; then
  echo "OK: $compose_file is valid"
else
  echo "FAIL: $compose_file is invalid" >&2
  status=1
fi

echo "== without ADMIN_API_KEY the stack must refuse to start"
if env -u ADMIN_API_KEY PORTAL_SECRET="$placeholder_key$placeholder_key" docker-compose -f "$compose_file" config -q >/dev/null 2>&1; then
  echo "FAIL: config rendered without ADMIN_API_KEY; it must be a required variable" >&2
  status=1
else
  echo "OK: ADMIN_API_KEY is required"
fi

echo "== without PORTAL_SECRET the stack must refuse to start"
if env -u PORTAL_SECRET ADMIN_API_KEY="$placeholder_key" docker-compose -f "$compose_file" config -q >/dev/null 2>&1; then
  echo "FAIL: config rendered without PORTAL_SECRET; it must be a required variable" >&2
  status=1
else
  echo "OK: PORTAL_SECRET is required"
fi

for required in METRICS_TOKEN GRAFANA_ADMIN_PASSWORD; do
  echo "== without $required the stack must refuse to start"
  if env -u "$required" ADMIN_API_KEY="$placeholder_key" PORTAL_SECRET="$placeholder_key$placeholder_key" \
    docker-compose -f "$compose_file" config -q >/dev/null 2>&1; then
    echo "FAIL: config rendered without $required; it must be a required variable" >&2
    status=1
  else
    echo "OK: $required is required"
  fi
done

# The monitoring files the compose file mounts: present, and the dashboard is JSON.
for file in docker/prometheus/prometheus.yml docker/grafana/provisioning/datasources/prometheus.yml \
  docker/grafana/provisioning/dashboards/cascade.yml docker/grafana/dashboards/cascade-operations.json; do
  [ -s "$file" ] || { echo "FAIL: $file is missing or empty" >&2; status=1; }
done
if node -e "JSON.parse(require('fs').readFileSync('docker/grafana/dashboards/cascade-operations.json', 'utf8'))"; then
  echo "OK: the Grafana dashboard is JSON"
else
  echo "FAIL: docker/grafana/dashboards/cascade-operations.json is not JSON" >&2
  status=1
fi

# Compose v2 (plugin) understands newer keys; use it too when present.
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  echo "== $(docker compose version): config"
  if ADMIN_API_KEY="${ADMIN_API_KEY:-$placeholder_key}" PORTAL_SECRET="${PORTAL_SECRET:-$placeholder_key$placeholder_key}" docker compose -f "$compose_file" config -q; then
    echo "OK: valid for Compose v2"
  else
    echo "FAIL: invalid for Compose v2" >&2
    status=1
  fi
else
  echo "NOTE: Compose v2 plugin (docker compose) not available; validated with docker-compose v1 only."
fi

exit "$status"
