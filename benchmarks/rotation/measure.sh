#!/usr/bin/env bash
# Rotates the secrets of the stand-in api/worker/beat, alternately on the same containers, by three methods, and
# measures wall time and how long the `api` is unavailable:
#   manual         the runbook scripted exactly as written: release files, pre-flight (`docker-compose run --rm --no-deps`
#                  with the new release), `ln -sfn`, `docker-compose up -d --no-deps --force-recreate api worker beat`,
#                  then polling the api's health until it answers 200;
#   horadus        `horadus apply --auto-approve` of the same change with the same checks: pre-flight + HTTP health,
#                  no stability hold (stable_for 0s);
#   horadus-holds  the same with the default holds: stable_for 3s (override with STABLE_FOR) on two waves;
#   horadus-reload `horadus apply` of the same change to services that reload (reload: { signal: SIGHUP }): a second
#                  compose project of the same three services, the whole root mounted and each *_FILE through current,
#                  the apps loading their secrets at start and again on SIGHUP (the stand-in's SECRETS=loaded);
#                  same checks (pre-flight + HTTP health, no hold). Not in the default METHODS: add it.
# It prints the medians per method and the ratios to the runbook.
#
# Usage: benchmarks/rotation/measure.sh [ROUNDS]     (default 5; each round rotates once per method)
# Environment: STABLE_FOR (horadus-holds' health.stable_for, default 3s), METHODS (default "manual horadus horadus-holds"),
#              PROBE_INTERVAL (seconds, default 0.02),
#              KEEP_WORK=1 (keep the temp folder with raw probe logs and engine events),
#              ORDER=alternate|horadus-first (default alternate: the order of the methods rotates from round to round),
#              MANUAL_SERVICES (what the runbook method recreates, default "api worker beat"; "api" isolates the
#              api's own recreate from the parallel recreation of the others),
#              FORCE_BUILD=1 (build a private stand-in image, removed on exit, even if horadus-standin:test exists),
#              HORADUS (the horadus to time, default ./horadus of this checkout; e.g. a binary of scripts/publish),
#              TRACE=1 (print every container event of each round, in ms from its start),
#              WAVES=2|1 (default 2: worker and beat come `after: [api]`, as the runbook's service order suggests; 1: no
#              `after:`, all three recreated at once and each gated, as the runbook's single `up --force-recreate` does).
# Needs: a running Docker engine, docker-compose 1.29, curl, busybox-static (only if the image must be built), dotnet.
# Traffic goes to 127.0.0.1 only. Everything it creates is removed on exit.
set -euo pipefail

ROUNDS="${1:-${ROUNDS:-5}}"
STABLE_FOR="${STABLE_FOR:-3s}"
METHODS="${METHODS:-manual horadus horadus-holds}"
PROBE_INTERVAL="${PROBE_INTERVAL:-0.02}"
ORDER="${ORDER:-alternate}"
MANUAL_SERVICES="${MANUAL_SERVICES:-api worker beat}"
WAVES="${WAVES:-2}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive integer" >&2; exit 2; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
horadus="${HORADUS:-$repo/horadus}"
standin_src="$repo/tests/Horadus.Docker.Tests/StandInImage"
run_id="$(date -u +%H%M%S)$$"
bench_label="horadus.bench"
top="$(mktemp -d "${TMPDIR:-/tmp}/horadus-rotation-bench.XXXXXX")"
results="$top/results.tsv"

# Two variants of the same services, each its own compose project, secrets root, manifest and api port: "recreate"
# (current bound, the runbook's wiring) for manual/horadus/horadus-holds, "reload" (the root bound) for horadus-reload.
declare -A ports=()
use_variant() { # recreate|reload
    variant="$1"
    work="$top/$1"
    project="hrbench${run_id}${1:0:3}"
    root="$work/secrets"
    values="$work/values"
    compose_file="$work/docker-compose.prod.yml"
    manifest="$work/horadus.desired.yaml"
    port="${ports[$1]:-}"
    url="http://127.0.0.1:$port/cgi-bin/health"
}
use_variant recreate
image="horadus-standin:test"
built_image=""
probe_pid=""
app_uid=10001

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

compose() { docker-compose -p "$project" -f "$compose_file" "$@"; }

cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    if [ -n "$probe_pid" ]; then kill "$probe_pid" 2>/dev/null; wait "$probe_pid" 2>/dev/null; fi
    for v in recreate reload; do
        use_variant "$v"
        if [ -f "$compose_file" ]; then compose down --timeout 2 -v >/dev/null 2>&1; fi
    done
    # Containers horadus set aside or replaced still carry our label (replacements copy labels).
    local ids
    ids="$(docker ps -aq --filter "label=$bench_label=$run_id")"
    if [ -n "$ids" ]; then docker rm -f -v $ids >/dev/null 2>&1; fi
    if [ -n "$built_image" ]; then docker rmi "$built_image" >/dev/null 2>&1; fi
    if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $top"; else rm -rf "$top"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v docker-compose >/dev/null || { echo "docker-compose not found" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 2; }
docker info >/dev/null 2>&1 || { echo "no Docker engine (bash .ci/start-docker.sh)" >&2; exit 2; }

# --- the stand-in image: reuse the tests' tag, else build it the way the tests do (busybox-static + StandInImage/).
if [ "${FORCE_BUILD:-0}" = 1 ] || ! docker image inspect "$image" >/dev/null 2>&1; then
    image="horadus-standin:rotation-bench-$run_id"
    busybox=""
    for b in /bin/busybox /usr/bin/busybox; do [ -f "$b" ] && { busybox="$b"; break; }; done
    [ -n "$busybox" ] || { echo "busybox not found: apt-get install -y busybox-static" >&2; exit 2; }
    mkdir -p "$top/image"
    cp -a "$standin_src/." "$top/image/"
    cp "$busybox" "$top/image/busybox"
    log "building $image"
    docker build -q -t "$image" "$top/image" >"$top/build.log" 2>&1 || { cat "$top/build.log" >&2; exit 1; }
    built_image="$image"
fi

# --- a free loopback port for each variant's api (host networking).
for v in recreate reload; do
    for _ in $(seq 1 50); do
        p=$(( 20000 + RANDOM % 30000 ))
        if [ -z "$(ss -Hltn "sport = :$p" 2>/dev/null)" ] && [ "${ports[recreate]:-}" != "$p" ]; then ports[$v]=$p; break; fi
    done
    [ -n "${ports[$v]:-}" ] || { echo "no free port found" >&2; exit 1; }
done
use_variant recreate

files=(database_url database_url_sync redis_url celery_broker_url celery_result_backend
       secret_key api_keys api_admin_key openai_api_key llm_secondary_api_key)

value_of() { # generation file
    case "$2" in
        *_url|*_sync) echo "redis://user:SECRET-$1-$2@127.0.0.1:6379/0" ;;
        celery_result_backend) echo "redis://user:SECRET-$1-$2@127.0.0.1:6379/2" ;;
        api_keys) printf 'SECRET-%s-k1\nSECRET-%s-k2\n' "$1" "$1" ;;
        *) echo "SECRET-$1-$2" ;;
    esac
}

# Two releases' values, alternated: generation A and B.
gen_of() { if [ $(( $1 % 2 )) -eq 0 ]; then echo A; else echo B; fi; }

stamp_of() { date -u -d "2026-03-01 00:00:00 UTC + $1 hour" +%Y%m%dT%H%M%SZ; }

write_values() { # generation -> $values (horadus' plain-directory source)
    mkdir -p "$values"
    local f
    for f in "${files[@]}"; do value_of "$1" "$f" > "$values/$f"; done
}

write_manifest() { # stamp stable_for
    {
        echo "version: 1"
        echo "environment: development"
        echo "secrets_root: secrets"
        echo "release:"
        echo "  stamp: \"$1\""
        echo "  source:"
        echo "    directory: values"
        echo "ownership:"
        echo "  uid: $app_uid"
        echo "  gid: $app_uid"
        echo "retention:"
        echo "  keep_previous: 1"
        echo "  stability_window: 1h"
        echo "services:"
        local s
        for s in api worker beat; do
            echo "  $s:"
            echo "    compose: { project: $project, service: $s }"
            echo "    stop_timeout: 2s"
            [ "$variant" = reload ] && echo "    reload: { signal: SIGHUP }"
            [ "$s" = api ] || [ "$WAVES" = 1 ] || echo "    after: [api]"
            if [ "$s" = api ]; then
                echo "    preflight:"
                echo "      entrypoint: /bin/sh"
                echo "      command: [\"-c\", \"check-secrets\"]"
                echo "      timeout: 20s"
            fi
            echo "    health:"
            if [ "$s" = api ]; then
                echo "      http:"
                echo "        url: \"$url\""
                echo "        status: 200"
                echo "        timeout: 1s"
                echo "        interval: 200ms"
            fi
            echo "      container_healthcheck: true"
            echo "      stable_for: ${2:-0s}"
            echo "      log_failure_patterns: [\"invalid_api_key\"]"
            echo "      deadline: 20s"
        done
    } > "$manifest"
}

write_compose() {
    local s role env="" source="$root/current" through=""
    local f
    # The reload variant binds the whole root and reads through current; its apps load their secrets at start and on SIGHUP.
    [ "$variant" = reload ] && { source="$root"; through="current/"; env+="      SECRETS: loaded"$'\n'; }
    for f in "${files[@]}"; do env+="      ${f^^}_FILE: /run/secrets/horadus/$through$f"$'\n'; done
    {
        echo 'version: "3.7"'
        echo "services:"
        for s in api worker beat; do
            role="$s"; [ "$s" = api ] || role=worker
            echo "  $s:"
            echo "    image: $image"
            echo "    network_mode: host"
            echo "    restart: unless-stopped"
            echo "    stop_grace_period: 2s"
            echo "    labels:"
            echo "      $bench_label: \"$run_id\""
            echo "    volumes:"
            echo "      - $source:/run/secrets/horadus:ro"
            echo "    environment:"
            echo "      ROLE: $role"
            echo "      INTERVAL: \"0.3\""
            [ "$s" = api ] && echo "      PORT: \"$port\""
            printf '%s' "$env"
        done
    } > "$compose_file"
}

# The runbook (section 2), scripted: release directory (0750, files 0640, owned by app), pre-flight against the new
# files, ln -sfn, recreate, then the post-rotation health check (polled until 200).
manual_release() { # generation stamp
    local dir="$root/releases/$2" f
    install -d -m 0750 -o "$app_uid" -g "$app_uid" "$dir"
    for f in "${files[@]}"; do
        install -m 0640 -o "$app_uid" -g "$app_uid" /dev/null "$dir/$f"
        value_of "$1" "$f" > "$dir/$f"
    done
    compose run --rm --no-deps -v "$dir:/run/secrets/horadus:ro" --entrypoint /bin/sh api -c check-secrets >"$work/preflight.log" 2>&1
    ln -sfn "$dir" "$root/current"
    # shellcheck disable=SC2086 # MANUAL_SERVICES is a list
    compose up -d --no-deps --force-recreate $MANUAL_SERVICES >"$work/compose.log" 2>&1
    wait_api
}

horadus_release() { # generation stamp stable_for
    write_values "$1"
    write_manifest "$2" "$3"
    (cd "$work" && "$horadus" apply --auto-approve) >"$work/horadus.log" 2>&1
}

now_us() { local t="$EPOCHREALTIME"; echo "${t/./}"; }

# Probe loop: one line "<start_us> <http_code>" per request (000: no answer), until $work/stop exists, bounded to
# 120 s. No subshells: EPOCHREALTIME for the clock, curl writes its own line, `read -t` on an idle pipe as the sleep.
probe() { # out
    local out="$1" t deadline sleeper now left interval_us
    interval_us="$(awk -v s="$PROBE_INTERVAL" 'BEGIN { printf "%d", s * 1e6 }')"
    [ "$interval_us" -lt 1000000 ] || interval_us=999999
    t="$EPOCHREALTIME"; deadline=$(( ${t/./} + 120000000 ))
    exec {sleeper}<> <(:)
    while [ ! -e "$work/stop" ]; do
        t="$EPOCHREALTIME"; t="${t/./}"
        [ "$t" -lt "$deadline" ] || break
        curl -s -o /dev/null -w "$t %{http_code}\n" --max-time 0.5 --connect-timeout 0.5 "$url" >> "$out" 2>/dev/null || true
        # Sleep what is left of the interval (curl itself takes 10-40 ms here, more under load).
        now="$EPOCHREALTIME"; left=$(( t + interval_us - ${now/./} ))
        if [ "$left" -gt 0 ]; then read -r -t "$(printf '0.%06d' "$left")" -u "$sleeper" _ || true; fi
    done
    exec {sleeper}>&-
}

wait_api() { # bounded: up to ~30 s
    local i
    for i in $(seq 1 300); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 0.5 "$url" 2>/dev/null || true)" = 200 ] && return 0
        sleep 0.1
    done
    return 1
}

# One measured rotation: probe before, during and after until the api answers 200 again.
measure() { # method round
    local method="$1" round="$2" gen stamp samples t0 t1 rc=0
    if [ "$method" = horadus-reload ]; then use_variant reload; else use_variant recreate; fi
    samples="$work/probe-$1-$2.log"
    gen="$(gen_of "$next_stamp")"   # the two generations alternate, each rotation under a new stamp
    stamp="$(stamp_of "$next_stamp")"
    next_stamp=$(( next_stamp + 1 ))
    [ "$method" = manual ] || "$horadus" --version >/dev/null 2>&1 # (re)build outside the timed window
    rm -f "$work/stop"; : > "$samples"
    probe "$samples" & probe_pid=$!
    sleep 0.3 # a few good samples first
    t0="$(now_us)"
    case "$method" in
        manual) manual_release "$gen" "$stamp" || rc=$? ;;
        horadus) horadus_release "$gen" "$stamp" 0s || rc=$? ;;
        horadus-holds) horadus_release "$gen" "$stamp" "$STABLE_FOR" || rc=$? ;;
        horadus-reload) horadus_release "$gen" "$stamp" 0s || rc=$? ;;
    esac
    t1="$(now_us)"
    wait_api || log "api did not come back within 30 s"
    sleep 0.3
    touch "$work/stop"; wait "$probe_pid" 2>/dev/null || true; probe_pid=""
    if [ "$rc" -ne 0 ]; then
        log "$method rotation $round failed (exit $rc):"; [ "$method" = manual ] || cat "$work/horadus.log" >&2
        [ "$method" = manual ] && cat "$work/preflight.log" "$work/compose.log" >&2
        exit 1
    fi
    # Check the rotation really happened: the api container reads (reload: holds) the new generation.
    local id seen
    id="$(compose ps -q api)"
    if [ "$variant" = reload ]; then
        seen="$(docker exec "$id" cat /tmp/loaded/SECRET_KEY_FILE)"
    else
        seen="$(docker exec "$id" cat /run/secrets/horadus/secret_key)"
    fi
    [ "$seen" = "SECRET-$gen-secret_key" ] || { log "$method round $round: api reads '$seen', expected generation $gen"; exit 1; }
    if [ "${TRACE:-0}" = 1 ]; then # every container event of the round, in ms from the start of the method
        docker events --since "$(( t0 / 1000000 - 1 ))" --until "$(( t1 / 1000000 + 1 ))" --filter type=container \
            --format '{{.TimeNano}} {{.Action}} {{.Actor.Attributes.name}}' 2>/dev/null \
            | awk -v t0="$t0" -v t1="$t1" '$1 >= t0 * 1000 { printf "  %7.1f ms  %-14s %s\n", ($1 - t0 * 1000) / 1e6, $2, $3 }
                END { printf "  %7.1f ms  (the method returned)\n", (t1 - t0) / 1e3 }' >&2
    fi
    # The engine's view of the api container: from the old one's stop (kill) and exit (die) to the new one's start.
    docker events --since "$(( t0 / 1000000 - 1 ))" --until "$(( t1 / 1000000 + 2 ))" \
        --filter "label=$bench_label=$run_id" --filter "label=com.docker.compose.service=api" --filter type=container \
        --format '{{.TimeNano}} {{.Action}} {{.ID}}' > "$work/events-$method-$round.log" 2>/dev/null || true
    local engine
    engine="$(awk '$1 >= t0 * 1000 && $1 <= t1 * 1000 + 2e9 {
            if ($2 == "kill" && !k) k=$1; if ($2 == "die" && !d) d=$1; if ($2 == "create" && !c) c=$1; if ($2 == "start") st=$1 }
        END { if (k && st) printf "%.3f\t%.3f", (st-k)/1e9, (d && st ? (st-d)/1e9 : -1); else printf "-\t-" }' t0="$t0" t1="$t1" "$work/events-$method-$round.log")"
    # A failure window runs from the first failed probe to the next probe answered 200.
    awk -v m="$method" -v r="$round" -v t0="$t0" -v t1="$t1" -v e="$engine" '
        { t[NR]=$1; c[NR]=$2 }
        END {
            longest=0; total=0; n=0; fails=0; start=-1
            for (i=1; i<=NR; i++) {
                if (c[i] != "200") { fails++; if (start < 0) start=t[i] }
                else if (start >= 0) { w=t[i]-start; total+=w; n++; if (w>longest) longest=w; start=-1 }
            }
            if (start >= 0) { w=t[NR]-start; total+=w; n++; if (w>longest) longest=w }
            # probe spacing (the resolution of the windows above)
            for (i=2; i<=NR; i++) g[i-1]=t[i]-t[i-1]
            cnt=NR-1; for (i=2;i<=cnt;i++) { x=g[i]; for (j=i-1;j>=1 && g[j]>x;j--) g[j+1]=g[j]; g[j+1]=x }
            printf "%s\t%d\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t%.1f\t%.1f\t%s\n", m, r, (t1-t0)/1e6, longest/1e6, total/1e6, n, fails, NR, g[int((cnt+1)/2)]/1e3, g[cnt]/1e3, e
        }' "$samples" >> "$results"
    tail -n 1 "$results" | awk -F'\t' '{ printf "  %-8s round %d: wall %.2f s, longest outage %.3f s, total failing %.3f s (%d window(s), %d/%d probes failed; probe gap median %s ms, max %s ms; engine: old api killed -> new api started %s s, died -> started %s s)\n", $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12 }' >&2
}

# --- set up each variant the methods use: release 0 by horadus (no containers yet), then the compose project, as the tests do.
log "horadus $( "$horadus" --version 2>/dev/null | tail -n 1 ); engine $(docker version -f '{{.Server.Version}}'); $(docker-compose version --short 2>/dev/null); $(nproc) cores"
next_stamp=0
variants=(recreate); [[ " $METHODS " == *" horadus-reload "* ]] && variants+=(reload)
[[ " $METHODS " == *" manual "* || " $METHODS " == *" horadus "* || " $METHODS " == *" horadus-holds "* ]] || variants=(reload)
for v in "${variants[@]}"; do
    use_variant "$v"
    mkdir -p "$root"
    write_compose
    write_values "$(gen_of 0)"
    write_manifest "$(stamp_of 0)"
    (cd "$work" && "$horadus" apply --auto-approve --bootstrap) >"$work/horadus.log" 2>&1 || { cat "$work/horadus.log" >&2; exit 1; }
    compose up -d >"$work/compose.log" 2>&1 || { cat "$work/compose.log" >&2; exit 1; }
    wait_api || { log "api never answered on $url"; compose logs >&2; exit 1; }
    log "project $project ($v) up, api on $url"
done
next_stamp=1
log "$ROUNDS round(s) of: $METHODS; probe every ${PROBE_INTERVAL}s, horadus-holds stable_for $STABLE_FOR"

printf 'method\tround\twall_s\tlongest_outage_s\ttotal_failing_s\twindows\tfailed_probes\tprobes\tgap_med_ms\tgap_max_ms\tkill_to_start_s\tdie_to_start_s\n' > "$results"
read -r -a methods <<< "$METHODS"
for round in $(seq 1 "$ROUNDS"); do
    order=("${methods[@]}")
    if [ "$ORDER" = alternate ]; then # rotate the order, so that no method always runs first or last
        shift_by=$(( (round - 1) % ${#methods[@]} ))
        order=("${methods[@]:shift_by}" "${methods[@]:0:shift_by}")
    fi
    for method in "${order[@]}"; do measure "$method" "$round"; sleep 1; done
done

echo
echo "Rotation of api, worker, beat ($ROUNDS round(s) per method; engine $(docker version -f '{{.Server.Version}}'), $(nproc) cores; probe every ~${PROBE_INTERVAL}s):"
awk -F'\t' -v ms="$MANUAL_SERVICES" 'NR>1 { k=$1; n[k]++; w[k,n[k]]=$3; l[k,n[k]]=$4; f[k,n[k]]=$5 }
    function sort(a, k, cnt,   i, j, x, v) { for (i=1;i<=cnt;i++) v[i]=a[k,i]; for (i=2;i<=cnt;i++) { x=v[i]; for (j=i-1;j>=1 && v[j]>x;j--) v[j+1]=v[j]; v[j+1]=x } for (i=1;i<=cnt;i++) s[i]=v[i] }
    function med(a, k, cnt) { sort(a, k, cnt); return (cnt%2) ? s[(cnt+1)/2] : (s[cnt/2]+s[cnt/2+1])/2 }
    function mx(a, k, cnt) { sort(a, k, cnt); return s[cnt] }
    END {
        if (ms != "api worker beat") printf "(the runbook method recreates only: %s)\n", ms
        printf "%-34s %9s %8s %9s %16s %8s %15s\n", "method", "wall med", "max", "vs runbook", "longest out med", "max", "total fail med"
        split("manual horadus horadus-holds horadus-reload", ks, " ")
        if (n["manual"]) base = med(w, "manual", n["manual"])
        for (i=1;i<=4;i++) { k=ks[i]; if (!n[k]) continue
            name = (k=="manual") ? (ms=="api worker beat" ? "runbook scripted (docker-compose)" : "compose: " ms) : (k=="horadus" ? "horadus apply, same checks" : (k=="horadus-holds" ? "horadus apply, default holds" : "horadus apply, reload (SIGHUP)"))
            wm = med(w,k,n[k]); ratio = base ? sprintf("%.2fx", wm/base) : "-"
            printf "%-34s %8.2fs %7.2fs %9s %15.3fs %7.3fs %14.3fs\n", name, wm, mx(w,k,n[k]), ratio, med(l,k,n[k]), mx(l,k,n[k]), med(f,k,n[k]) }
    }' "$results"
echo
echo "Per round (seconds):"
column -t -s $'\t' "$results"
