#!/bin/sh
# Runs once, when the primary's data directory is created (docker-entrypoint-initdb.d):
# a role for the replica's streaming connection, allowed from the compose network.
set -e
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -c "create role replicator with replication login password '${REPLICATION_PASSWORD:-replicator}'"
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
