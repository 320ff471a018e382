#!/bin/sh
# Runs one pg_auto_failover node of the compose `postgres` profile: the monitor, or a data node that
# registers with it. The first start creates the node; later starts (a restart after a crash) run the
# existing one, which the monitor then tells what it is: a node that was primary and was failed over
# comes back as a standby (pg_rewind), one that was not stays what it was.
#
# The replicas' role is no superuser: it owns the knowledge base's database and may create databases (verify's
# scratch copies), logs in with a scram-sha-256 password, and only from the replicas' addresses. pg_autoctl's own
# roles keep its address-bound trust rules, on the failover network that only the monitor and data nodes join.
#
# usage: pg-node.sh monitor | pg-node.sh postgres MONITOR_HOST | pg-node.sh ready (a data node's health check)
#   NODE_HOSTNAME   the address other nodes reach this one by (a fixed one: pg_hba rules name it)
#   NODE_NAME       the node's name in the monitor (its compose service; data nodes)
#   PG_DATABASE, PG_USER, PG_PASSWORD  the knowledge base's database, the replicas' role and its password (data nodes)
#   PG_CLIENT_ADDRESSES  the replicas' addresses, space-separated: the only ones pg_hba admits the role from
#   PG_NODE_ADDRESSES    every data node's address on the failover network, space-separated (data nodes)
#   PG_MONITOR_SETTINGS   "name=value ..." for the monitor's failover timing (pgautofailover.*)
#   PG_EXPORTER_USER, PG_EXPORTER_ADDRESS  the exporter's role on the monitor (pg_monitor and pgautofailover.node, read
#                   only) and the one address it connects from (monitor)
#   PG_CRASH_HOLDOFF_SECONDS  how long a data node that crashed waits before it starts again (default 0)
set -eu
role=${1:?usage: pg-node.sh monitor | postgres MONITOR_HOST | ready}

if [ "$role" = ready ]; then
  # Ready when the replicas' role can log in here over TCP with its password, as a replica would.
  PGPASSWORD=$PG_PASSWORD exec psql -qAtX -h 127.0.0.1 -p 5432 -U "$PG_USER" -d "$PG_DATABASE" -c 'SELECT 1' >/dev/null
fi

: "${NODE_HOSTNAME:?set NODE_HOSTNAME}"
config="$XDG_CONFIG_HOME/pg_autoctl$PGDATA/pg_autoctl.cfg"

# The rules for the replicas' role, rewritten on every start so that they follow the published replicas. A standby
# cloned later copies them from its primary; the node's own loopback is there for the health check.
# pg_autoctl admits its replication role to the node's own database only, while pg_rewind connects to `postgres`:
# without that rule a failed-over primary could not be rewound and would be copied whole (pg_basebackup) to rejoin.
admit_replicas() {
  hba="$PGDATA/pg_hba.conf"
  [ -f "$hba" ] || return 0
  sed -i '/# healthai-replicas$/d; /# healthai-rewind$/d' "$hba"
  for address in 127.0.0.1 ${PG_CLIENT_ADDRESSES:-}; do
    echo "host all \"$PG_USER\" $address/32 scram-sha-256 # healthai-replicas" >> "$hba"
  done
  for address in ${PG_NODE_ADDRESSES:-}; do
    [ "$address" = "$NODE_HOSTNAME" ] && continue
    echo "host postgres pgautofailover_replicator $address/32 trust # healthai-rewind" >> "$hba"
  done
}

# Once this node is a primary (now, or after a promotion), makes the replicas' role what it must be: created if
# missing, no superuser, CREATEDB, the password from the environment (so a changed one applies on restart), owner
# of the knowledge base. A standby receives the role from its primary.
ensure_role() {
  while :; do
    if [ "$(psql -qAtX -d postgres -c 'SELECT NOT pg_is_in_recovery()' 2>/dev/null)" = t ] \
      && psql -qX -v ON_ERROR_STOP=1 -d postgres -v user="$PG_USER" -v password="$PG_PASSWORD" -v database="$PG_DATABASE" >/dev/null <<'SQL'
SELECT format('CREATE ROLE %I', :'user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user')
\gexec
ALTER ROLE :"user" WITH LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
ALTER DATABASE :"database" OWNER TO :"user";
SQL
    then
      echo "role $PG_USER is set up on this primary" >&2
      return 0
    fi
    sleep 5
  done
}

# The monitor admits its exporter's read-only role from the exporter's fixed address alone, by the address-bound trust
# pg_auto_failover uses for its own roles, and (re)creates the role with exactly the grants it needs.
admit_exporter() {
  [ -n "${PG_EXPORTER_USER:-}" ] || return 0
  hba="$PGDATA/pg_hba.conf"
  sed -i '/# healthai-exporter$/d' "$hba"
  echo "host pg_auto_failover \"$PG_EXPORTER_USER\" $PG_EXPORTER_ADDRESS/32 trust # healthai-exporter" >> "$hba"
  (
    until psql -qX -v ON_ERROR_STOP=1 -d pg_auto_failover -v user="$PG_EXPORTER_USER" >/dev/null 2>&1 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user')
\gexec
GRANT pg_monitor TO :"user";
GRANT USAGE ON SCHEMA pgautofailover TO :"user";
GRANT SELECT ON pgautofailover.node TO :"user";
SQL
    do sleep 2; done
    echo "role $PG_EXPORTER_USER is set up on the monitor" >&2
  ) &
}

start_data_node() {
  : "${PG_DATABASE:?set PG_DATABASE}" "${PG_USER:?set PG_USER}" "${PG_PASSWORD:?set PG_PASSWORD}"
  admit_replicas
  ensure_role &
}

# A container restarted after a kill keeps /tmp and its pid files, and PID 1 is PID 1 again: pg_autoctl
# and postgres would take the stale files for a live instance. Nothing else runs in this container yet.
crashed=false
[ -f "$PGDATA/postmaster.pid" ] && crashed=true
rm -rf /tmp/pg_autoctl "$PGDATA/postmaster.pid" /var/run/postgresql/.s.PGSQL.*

if [ -f "$config" ]; then
  # A node that crashed stays away for the monitor's failover window before it starts again, so that
  # an in-sync standby is promoted rather than raced by the crashed primary's recovery; the node then
  # comes back as whatever the monitor decided (a standby, rewound by pg_rewind, or still the primary
  # when no standby was eligible). 0 starts at once.
  if $crashed && [ "${PG_CRASH_HOLDOFF_SECONDS:-0}" -gt 0 ]; then
    echo "postgres was not shut down cleanly: waiting ${PG_CRASH_HOLDOFF_SECONDS}s for the monitor's decision" >&2
    sleep "$PG_CRASH_HOLDOFF_SECONDS"
  fi
  if [ "$role" = postgres ]; then start_data_node; else admit_exporter; fi
  exec pg_autoctl run --pgdata "$PGDATA"
fi

# A start that died half-way through creating the node leaves a folder pg_autoctl cannot resume.
rm -rf "$PGDATA" "$XDG_CONFIG_HOME/pg_autoctl" "$XDG_DATA_HOME/pg_autoctl"
case "$role" in
  monitor)
    pg_autoctl create monitor --pgdata "$PGDATA" --pgport 5432 --hostname "$NODE_HOSTNAME" \
      --auth trust --no-ssl
    for setting in ${PG_MONITOR_SETTINGS:-}; do
      echo "${setting%%=*} = '${setting#*=}'" >> "$PGDATA/postgresql.conf"
    done
    admit_exporter
    pg_ctl reload --pgdata "$PGDATA" >/dev/null 2>&1 || true
    ;;
  postgres)
    monitor=${2:?usage: pg-node.sh postgres MONITOR_HOST}
    : "${PG_DATABASE:?set PG_DATABASE}"
    # pg_autoctl runs as the cluster's own superuser; the replicas' role is made by ensure_role, not by --username,
    # which pg_autoctl would create as a superuser. No --pg-hba-lan: that would trust the whole network.
    pg_autoctl create postgres --pgdata "$PGDATA" --pgport 5432 --hostname "$NODE_HOSTNAME" --name "${NODE_NAME:-$NODE_HOSTNAME}" \
      --monitor "postgresql://autoctl_node@$monitor:5432/pg_auto_failover?sslmode=disable" \
      --dbname "$PG_DATABASE" --auth trust --no-ssl
    start_data_node
    pg_ctl reload --pgdata "$PGDATA" >/dev/null 2>&1 || true
    ;;
  *) echo "unknown role: $role" >&2; exit 2 ;;
esac
exec pg_autoctl run --pgdata "$PGDATA"
