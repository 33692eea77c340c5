#!/bin/sh
# The app of Dockerfile.app-entrypoint: it says it started (the tests look for this line) and runs until stopped.
echo "app entrypoint started (arguments ignored: $*)"
trap 'exit 0' TERM INT
while :; do
    sleep 1 &
    wait $!
done
