#!/usr/bin/env bash
# Requests/s of JWT-verified requests on loopback with the tenant cache warm, against an
# unauthenticated baseline (/healthz) measured in the same run. Needs wrk (Debian: apt-get install wrk),
# PostgreSQL as for the tests (TEST_POSTGRES), and jq-free bash + curl + python3.
set -euo pipefail
cd "$(dirname "$0")/.."
PG="${TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres}"
DB="diagrams_bench_$$"
APP_PORT=5201 SIM_PORT=5202 DURATION="${DURATION:-10s}" CONNECTIONS="${CONNECTIONS:-32}"
psql_admin() { PGPASSWORD=postgres psql -q -h 127.0.0.1 -U postgres "$@"; }
psql_admin -c "CREATE DATABASE $DB"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true; }
trap cleanup EXIT

dotnet build -c Release -v q App >/dev/null && dotnet build -c Release -v q HostSim >/dev/null
dotnet HostSim/bin/Release/net10.0/Diagrams.HostSim.dll --urls "http://127.0.0.1:$SIM_PORT" \
  --HostSim:AppBaseUrl="http://127.0.0.1:$APP_PORT" --Logging:LogLevel:Default=Warning & pids+=($!)
dotnet App/bin/Release/net10.0/Diagrams.App.dll --urls "http://127.0.0.1:$APP_PORT" --environment Production \
  --App:BaseUrl="http://127.0.0.1:$APP_PORT" --Database:Provider=postgres --Database:MigrateOnStart=true \
  --ConnectionStrings:Diagrams="$PG;Database=$DB" --Secrets:MasterKey="$(head -c 32 /dev/urandom | base64)" \
  --Connect:InstallKeysUrl="http://127.0.0.1:$SIM_PORT/install-keys" --Connect:AllowedHosts:0=127.0.0.1 --Connect:AllowHttp=true \
  --Forge:AppId="ari:cloud:ecosystem::app/7c2f0a51-3d8e-4b8a-9d1e-5f6a7b8c9d0e" --Forge:JwksUrl="http://127.0.0.1:$SIM_PORT/forge/jwks.json" --Forge:ApiHosts:0=127.0.0.1 \
  --Logging:LogLevel:Default=Warning & pids+=($!)
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$APP_PORT/healthz" >/dev/null && curl -sf -o /dev/null "http://127.0.0.1:$SIM_PORT/_sim/calls" && break; sleep 0.5; done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }
site=$(curl -sf -H 'Content-Type: application/json' -d '{"product":"confluence"}' "http://127.0.0.1:$SIM_PORT/_sim/sites")
site_id=$(echo "$site" | json siteId)
[ "$(echo "$site" | json installStatus)" = 204 ] || { echo "install failed: $site"; exit 1; }
page="/confluence/admin/configure"
page_token=$(curl -sf -H 'Content-Type: application/json' -d "{\"kind\":\"request\",\"url\":\"http://127.0.0.1:$APP_PORT$page\",\"lifetimeSeconds\":900}" \
  "http://127.0.0.1:$SIM_PORT/_sim/sites/$site_id/tokens" | json token)
context_token=$(curl -sf -H 'Content-Type: application/json' -d '{"kind":"context","lifetimeSeconds":900}' \
  "http://127.0.0.1:$SIM_PORT/_sim/sites/$site_id/tokens" | json token)
# A Forge Invocation Token for the same site (HostSim's default Forge app id above), long-lived for the run.
fit=$(curl -sf -H 'Content-Type: application/json' -d '{"lifetimeSeconds":900}' "http://127.0.0.1:$SIM_PORT/_sim/sites/$site_id/forge/fit" | json token)

run() { # name, then wrk arguments
  local name=$1; shift
  wrk -t2 -c"$CONNECTIONS" -d5s "$@" >/dev/null # warm-up (JIT, tenant cache, connection pool)
  local rps; rps=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | tee "/tmp/wrk-$name.txt" | awk '/Requests\/sec/ {print $2}')
  local p50 p99; p50=$(awk '$1=="50%" {print $2}' "/tmp/wrk-$name.txt"); p99=$(awk '$1=="99%" {print $2}' "/tmp/wrk-$name.txt")
  local non2xx; non2xx=$(awk '/Non-2xx/ {print $NF}' "/tmp/wrk-$name.txt")
  printf '%-44s %10s req/s   p50 %-8s p99 %-8s non-2xx %s\n' "$name" "$rps" "$p50" "$p99" "${non2xx:-0}"
  eval "rps_$name=$rps"
}
echo "wrk: 2 threads, $CONNECTIONS connections, $DURATION per case, app and wrk share this machine's $(nproc) cores"
run baseline_healthz "http://127.0.0.1:$APP_PORT/healthz"
run iframe_full_qsh "http://127.0.0.1:$APP_PORT$page?jwt=$page_token"
run api_capabilities_context "http://127.0.0.1:$APP_PORT/api/capabilities" -H "Authorization: JWT $context_token"
run api_capabilities_forge "http://127.0.0.1:$APP_PORT/forge/api/capabilities" -H "Authorization: Bearer $fit"
python3 - "$rps_baseline_healthz" "$rps_iframe_full_qsh" "$rps_api_capabilities_context" "$rps_api_capabilities_forge" <<'PY'
import sys
base, page, api, forge = map(float, sys.argv[1:])
print(f"ratio iframe page (JWT + full qsh + HTML) / healthz: {page / base:.2f}")
print(f"ratio /api/capabilities (JWT + context-qsh + cached site policy) / healthz: {api / base:.2f}")
print(f"ratio /forge/api/capabilities (FIT: RS256 + claims + installation lookup) / healthz: {forge / base:.2f}")
print(f"ratio FIT-verified / Connect-verified: {forge / api:.2f}")
PY
