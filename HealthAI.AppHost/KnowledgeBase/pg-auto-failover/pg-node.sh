#!/bin/sh
# Runs one pg_auto_failover node of the compose `postgres` profile: the monitor, or a data node that
# registers with it. The first start creates the node; later starts (a restart after a crash) run the
# existing one, which the monitor then tells what it is: a node that was primary and was failed over
# comes back as a standby (pg_rewind), one that was not stays what it was.
#
# usage: pg-node.sh monitor | pg-node.sh postgres MONITOR_HOST
#   NODE_HOSTNAME   the address other nodes reach this one by (a fixed one: pg_hba rules name it)
#   NODE_NAME       the node's name in the monitor (its compose service; data nodes)
#   PG_DATABASE, PG_USER  the knowledge base's database and its user (data nodes)
#   PG_MONITOR_SETTINGS   "name=value ..." for the monitor's failover timing (pgautofailover.*)
#   PG_CRASH_HOLDOFF_SECONDS  how long a data node that crashed waits before it starts again (default 0)
set -eu
role=${1:?usage: pg-node.sh monitor | postgres MONITOR_HOST}
: "${NODE_HOSTNAME:?set NODE_HOSTNAME}"
config="$XDG_CONFIG_HOME/pg_autoctl$PGDATA/pg_autoctl.cfg"

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
    ;;
  postgres)
    monitor=${2:?usage: pg-node.sh postgres MONITOR_HOST}
    : "${PG_DATABASE:?set PG_DATABASE}" "${PG_USER:?set PG_USER}"
    # --pg-hba-lan opens the knowledge base to the backend network the container is on; the rules for the
    # monitor and the other node name their NODE_HOSTNAME, an address, so no reverse DNS is needed.
    pg_autoctl create postgres --pgdata "$PGDATA" --pgport 5432 --hostname "$NODE_HOSTNAME" --name "${NODE_NAME:-$NODE_HOSTNAME}" \
      --monitor "postgresql://autoctl_node@$monitor:5432/pg_auto_failover?sslmode=disable" \
      --dbname "$PG_DATABASE" --username "$PG_USER" --auth trust --no-ssl --pg-hba-lan
    # The API also restores backups into scratch databases of its own: its user reaches every database
    # from the backend network (samenet), nothing outside it.
    echo "host all \"$PG_USER\" samenet trust" >> "$PGDATA/pg_hba.conf"
    pg_ctl reload --pgdata "$PGDATA" >/dev/null 2>&1 || true
    ;;
  *) echo "unknown role: $role" >&2; exit 2 ;;
esac
exec pg_autoctl run --pgdata "$PGDATA"
