#!/usr/bin/env bash
# Makes a Docker engine reachable for the Docker tests. Idempotent: installs what is missing (docker.io, busybox-static,
# docker-compose, age), starts dockerd without a bridge (containers use host networking, loopback only) unless an engine
# already answers, and waits at most 60 s. Exits non-zero with the end of the daemon's log when it cannot.
set -euo pipefail

LOG=${DOCKERD_LOG:-/tmp/dockerd.log}
WAIT_SECONDS=60

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
[ -x /bin/busybox ] || missing+=(busybox-static)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v age >/dev/null 2>&1 || missing+=(age)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "start-docker: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if docker info >/dev/null 2>&1; then
    echo "start-docker: engine already reachable ($(docker version --format '{{.Server.Version}} API {{.Server.APIVersion}}'))"
    exit 0
fi

# A dockerd still starting up (its pid file names a live process) is waited for, not started twice.
if ! { [ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; }; then
    echo "start-docker: starting dockerd (log: $LOG)"
    nohup dockerd --bridge=none --iptables=false --ip6tables=false >"$LOG" 2>&1 &
fi

for _ in $(seq 1 $((WAIT_SECONDS * 2))); do
    if docker info >/dev/null 2>&1; then
        echo "start-docker: engine up ($(docker version --format '{{.Server.Version}} API {{.Server.APIVersion}}'))"
        exit 0
    fi
    sleep 0.5
done

echo "start-docker: the Docker engine did not answer within ${WAIT_SECONDS} s; last lines of $LOG:" >&2
tail -n 30 "$LOG" >&2 || true
exit 1
