#!/bin/sh
# A PostgreSQL server for the store's tests: nothing to do when one already answers on
# 127.0.0.1:5432; otherwise install the Debian package, start its cluster and let local test
# connections in as `postgres` without a password (a throwaway CI or development server).
# Idempotent. Usage: scripts/start-postgres.sh
set -eu

HOST=127.0.0.1
PORT=5432

ready() {
    command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$HOST" -p "$PORT"
}

if ready; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "请安装并启动 PostgreSQL（127.0.0.1:5432）(please install and start PostgreSQL)" >&2
        exit 1
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi

cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    $SUDO pg_createcluster "$version" main >/dev/null
    cluster="$version main"
fi
set -- $cluster
hba="/etc/postgresql/$1/$2/pg_hba.conf"
if ! grep -q "nianbao-test" "$hba"; then
    # Prepended so it wins over the packaged peer/scram lines; only loopback connections are trusted.
    { echo "host all postgres 127.0.0.1/32 trust # nianbao-test"; cat "$hba"; } > "$hba.new"
    $SUDO mv "$hba.new" "$hba"
    $SUDO chown postgres:postgres "$hba" 2>/dev/null || true
fi
$SUDO pg_ctlcluster "$1" "$2" start 2>/dev/null || $SUDO pg_ctlcluster "$1" "$2" reload

for _ in $(seq 1 30); do
    if ready; then
        exit 0
    fi
    sleep 1
done
echo "PostgreSQL 未能启动 (PostgreSQL did not start)" >&2
exit 1
