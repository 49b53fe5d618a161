#!/bin/sh
# The streaming replica: on its first start, a base backup of the primary with `-R` (standby.signal and
# primary_conninfo written for us) and a replication slot, so the primary keeps the WAL it has not had yet.
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h db-primary -p 5432 -U postgres; do sleep 1; done
  rm -rf "$PGDATA"/*
  export PGPASSWORD="${REPLICATION_PASSWORD:-replicator}"
  # The slot outlives a replica whose volume was removed: made only when missing.
  create=-C
  if [ "$(psql -h db-primary -U replicator -d postgres -Atc "select 1 from pg_replication_slots where slot_name = 'replica_1'")" = 1 ]; then create=; fi
  pg_basebackup -h db-primary -p 5432 -U replicator -D "$PGDATA" -R -X stream $create -S replica_1 --checkpoint=fast
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on
