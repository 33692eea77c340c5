#!/usr/bin/env bash
# Times a no-op `horadus plan` as a whole process (what an operator, a cron job or the daemon pays per check) on a
# host with 100 releases of the runbook's ten files and three running compose services, for each horadus given.
#
# Usage: benchmarks/startup/measure.sh [RUNS] [HORADUS ...]
#   RUNS      timed runs per horadus (default 20), after 2 untimed ones
#   HORADUS   commands to compare (default: the JIT build, `dotnet src/Horadus.Cli/bin/Release/net10.0/horadus.dll`);
#             e.g. artifacts/publish/horadus-linux-x64 (ReadyToRun single file) and a NativeAOT horadus (scripts/publish)
# Environment: RELEASES (default 100), KEEP_WORK=1 (keep the temp folder).
# Needs: a running Docker engine, busybox-static (for a FROM scratch image), dotnet. Everything it creates is removed.
set -euo pipefail

RUNS="${1:-20}"
shift || true
RELEASES="${RELEASES:-100}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jit="dotnet $repo/src/Horadus.Cli/bin/Release/net10.0/horadus.dll"
candidates=("$@")
[ ${#candidates[@]} -gt 0 ] || candidates=("$jit")
run_id="$(date -u +%H%M%S)$$"
project="hrstart${run_id}"
image="horadus-startup-bench:$run_id"
work="$(mktemp -d "${TMPDIR:-/tmp}/horadus-startup-bench.XXXXXX")"
files=(database_url database_url_sync redis_url celery_broker_url celery_result_backend secret_key api_keys api_admin_key openai_api_key llm_secondary_api_key)

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
cleanup() {
    set +e
    local ids
    ids="$(docker ps -aq --filter "label=com.docker.compose.project=$project")"
    [ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1
    docker rmi "$image" >/dev/null 2>&1
    if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

docker info >/dev/null 2>&1 || { echo "no Docker engine (bash .ci/start-docker.sh)" >&2; exit 2; }
[ -f "$repo/src/Horadus.Cli/bin/Release/net10.0/horadus.dll" ] || dotnet build "$repo/src/Horadus.Cli" -c Release -v quiet -nologo >&2

mkdir -p "$work/image" "$work/values"
cp /bin/busybox "$work/image/busybox"
printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n' > "$work/image/Dockerfile"
docker build -q -t "$image" "$work/image" >/dev/null

manifest() {
    cat > "$work/horadus.desired.yaml" <<YAML
version: 1
environment: development
secrets_root: secrets
release: { stamp: "$1", source: { directory: values } }
retention: { keep_previous: 1000, stability_window: 1000d }
services:
  api: { compose: { project: $project }, health: { stable_for: 0s } }
  worker: { compose: { project: $project }, after: [api], health: { stable_for: 0s } }
  beat: { compose: { project: $project }, after: [worker], health: { stable_for: 0s } }
YAML
}

# The releases, written by horadus itself (the fastest candidate would do; the first one is used).
setup=(${candidates[0]})
log "writing $RELEASES releases with ${candidates[0]}"
for i in $(seq 1 "$RELEASES"); do
    stamp="$(date -u -d "2026-01-01 + $i hours" +%Y%m%dT%H%M%SZ)"
    for f in "${files[@]}"; do
        case "$f" in
            *_url|*_sync|celery_*) printf 'redis://bench:pw%s-%s@127.0.0.1:6379/0\n' "$run_id" "$i" ;;
            *) printf 'value-of-%s-%s-%s\n' "$f" "$run_id" "$i" ;;
        esac > "$work/values/$f"
    done
    manifest "$stamp"
    (cd "$work" && "${setup[@]}" apply --auto-approve --bootstrap >/dev/null)
done

env_args=()
for f in "${files[@]}"; do env_args+=(-e "${f^^}_FILE=/run/secrets/horadus/$f"); done
for service in api worker beat; do
    docker run -d -q --name "${project}_${service}_1" --network host \
        --label "com.docker.compose.project=$project" --label "com.docker.compose.service=$service" \
        -v "$work/secrets/current:/run/secrets/horadus:ro" "${env_args[@]}" "$image" sleep 3600 >/dev/null
done
(cd "$work" && "${setup[@]}" plan --detailed-exitcode >/dev/null) || { echo "the host is not converged: the benchmark needs a no-op plan" >&2; exit 1; }

printf '\nNo-op `horadus plan`, %s releases of 10 files, 3 services, whole process (%s runs each; %s cores):\n' "$RELEASES" "$RUNS" "$(nproc)"
printf '%-70s %10s %10s %10s\n' "horadus" "min" "median" "max"
for candidate in "${candidates[@]}"; do
    command=($candidate)
    times=()
    for i in $(seq 1 $((RUNS + 2))); do
        start=$(date +%s%N)
        (cd "$work" && "${command[@]}" plan >/dev/null)
        end=$(date +%s%N)
        [ "$i" -le 2 ] || times+=($(( (end - start) / 1000 )))
    done
    sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    n=${#sorted[@]}
    median=$(( n % 2 ? sorted[n/2] : (sorted[n/2-1] + sorted[n/2]) / 2 ))
    awk -v c="$candidate" -v a="${sorted[0]}" -v m="$median" -v b="${sorted[n-1]}" 'BEGIN { printf "%-70s %8.1fms %8.1fms %8.1fms\n", c, a / 1000, m / 1000, b / 1000 }'
done
