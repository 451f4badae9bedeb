#!/usr/bin/env bash
# Not executable on purpose: the official images source non-executable *.sh files,
# which gives them the entrypoint's docker_process_sql helper.
# Sourced by the image's entrypoint on first start (docker_process_sql is its
# helper). Creates the least-privilege user Debezium reads the binlog with:
# Debezium's documented grants, not root.
: "${DEBEZIUM_DB_USER:?DEBEZIUM_DB_USER must be set}"
: "${DEBEZIUM_DB_PASSWORD:?DEBEZIUM_DB_PASSWORD must be set}"

# MariaDB renamed REPLICATION CLIENT to BINLOG MONITOR (the old name is an alias),
# and also needs it to read binlog positions; MySQL has no such privilege.
extra_grant=""
if command -v mariadbd >/dev/null 2>&1; then
  extra_grant=", BINLOG MONITOR"
fi

docker_process_sql --database=mysql <<SQL
CREATE USER IF NOT EXISTS '${DEBEZIUM_DB_USER}'@'%' IDENTIFIED BY '${DEBEZIUM_DB_PASSWORD}';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT${extra_grant} ON *.* TO '${DEBEZIUM_DB_USER}'@'%';
FLUSH PRIVILEGES;
SQL
