#!/bin/sh
# The streaming replica: on its first start, a base backup of the primary with `-R` (standby.signal and
# primary_conninfo written for us) and a replication slot, so the primary keeps the WAL it has not had yet.
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h db-primary -p 5432 -U postgres; do sleep 1; done
  rm -rf "$PGDATA"/*
  PGPASSWORD="${REPLICATION_PASSWORD:-replicator}" pg_basebackup -h db-primary -p 5432 -U replicator \
    -D "$PGDATA" -R -X stream -C -S replica_1 --checkpoint=fast
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on
