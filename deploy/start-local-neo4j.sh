#!/usr/bin/env bash
# Starts a Neo4j from a local server home for people without Docker, in the foreground (Ctrl-C stops it).
#   NEO4J_HOME=../shared/neo4j deploy/start-local-neo4j.sh [http-port] [data-folder]
# Then run the service with Neo4j__Uri=http://localhost:<http-port>.
set -euo pipefail
: "${NEO4J_HOME:?set NEO4J_HOME to a Neo4j 5.26 server home, e.g. NEO4J_HOME=../shared/neo4j}"
http_port=${1:-7474}
data=${2:-${XDG_DATA_HOME:-$HOME/.local/share}/relintel/neo4j}
bolt_port=$((http_port + 213))
mkdir -p "$data/conf"
# Neo4j refuses a setting given twice: replace the lines we own instead of appending duplicates.
sed -e "s/^server.http.listen_address=.*/server.http.listen_address=:$http_port/" \
    -e "s/^server.bolt.listen_address=.*/server.bolt.listen_address=:$bolt_port/" \
    -e '/^server.directories\./d' \
    "$NEO4J_HOME/conf/neo4j.conf" > "$data/conf/neo4j.conf"
printf 'server.directories.data=%s/data\nserver.directories.logs=%s/logs\nserver.directories.run=%s/run\n' \
    "$data" "$data" "$data" >> "$data/conf/neo4j.conf"
echo "Neo4j: http://localhost:$http_port (bolt $bolt_port), data in $data"
NEO4J_CONF="$data/conf" exec "$NEO4J_HOME/bin/neo4j" console
