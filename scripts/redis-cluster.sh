#!/usr/bin/env bash
# A local Redis Cluster on loopback for cluster tests and experiments, from Debian's redis-server:
#
#   scripts/redis-cluster.sh start|stop|status
#   scripts/redis-cluster.sh start-node PORT    (starts one stopped node again from its config; it rejoins)
#
# start   launches PRIMARIES*(1+REPLICAS) nodes (default 3 primaries with 1 replica each) on 127.0.0.1, ports
#         BASE..BASE+N-1 (cluster bus on PORT+10000), runs `redis-cli --cluster create`, waits until every node says
#         cluster_state:ok and every replica is in sync, then prints one line: "cluster: 127.0.0.1:P1,127.0.0.1:P2,...".
#         Already running: says so, prints the same line, exits 0. Exits 3 when a port is taken (pick another range).
# stop    stops the nodes by their recorded process ids (SIGTERM, SIGKILL after 5 s) and removes the state folder.
# status  one line per node: endpoint, pid, role, slots (or primary); exits 1 when nothing runs.
#
# Environment: REDIS_CLUSTER_PORT (base port, default 7000), REDIS_CLUSTER_DIR (state folder, default
# artifacts/redis-cluster in the repository, git-ignored), REDIS_CLUSTER_PRIMARIES (default 3), REDIS_CLUSTER_REPLICAS
# (per primary, default 1), REDIS_CLUSTER_TIMEOUT (seconds for each wait, default 30).
#
# State folder layout (tests/Strata.Testing/RedisCluster.cs reads it): ports (the node ports, one per line) and per node
# node-PORT/ with redis.conf, redis.pid, redis.log and nodes.conf. Nothing is persisted: save "", appendonly no.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

base_port="${REDIS_CLUSTER_PORT:-7000}"
state_dir="${REDIS_CLUSTER_DIR:-$repo_root/artifacts/redis-cluster}"
primaries="${REDIS_CLUSTER_PRIMARIES:-3}"
replicas="${REDIS_CLUSTER_REPLICAS:-1}"
wait_seconds="${REDIS_CLUSTER_TIMEOUT:-30}"

usage() {
  sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

die() {
  echo "redis-cluster: $*" >&2
  exit 1
}

for setting in base_port primaries replicas wait_seconds; do
  [[ "${!setting}" =~ ^[0-9]+$ ]] || die "$setting must be a number, got '${!setting}'"
done
[ "$primaries" -ge 3 ] || die "REDIS_CLUSTER_PRIMARIES must be at least 3 (redis-cli --cluster create needs 3)"
node_count=$((primaries * (1 + replicas)))
[ $((base_port + node_count - 1 + 10000)) -le 65535 ] || die "REDIS_CLUSTER_PORT $base_port is too high (bus port = port + 10000)"

cli() {
  local port="$1"
  shift
  redis-cli -h 127.0.0.1 -p "$port" "$@"
}

node_dir() { echo "$state_dir/node-$1"; }

# The ports of the cluster in the state folder (when there is one), otherwise the ones the settings ask for.
node_ports() {
  if [ -f "$state_dir/ports" ]; then
    cat "$state_dir/ports"
  else
    seq "$base_port" $((base_port + node_count - 1))
  fi
}

# The pid recorded for a node if that process is still a live redis-server (not a reused pid, not a zombie).
live_pid() {
  local pid_file pid state
  pid_file="$(node_dir "$1")/redis.pid"
  [ -f "$pid_file" ] || return 1
  pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'redis-server' || return 1
  state="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)"
  [ -n "$state" ] && [ "$state" != "Z" ] && [ "$state" != "X" ] || return 1
  echo "$pid"
}

running_count() {
  local count=0 port
  for port in $(node_ports); do
    if live_pid "$port" >/dev/null; then
      count=$((count + 1))
    fi
  done
  echo "$count"
}

seed_line() {
  local endpoints=() port
  for port in $(node_ports); do
    endpoints+=("127.0.0.1:$port")
  done
  local IFS=,
  echo "cluster: ${endpoints[*]}"
}

print_logs() {
  local port log
  for port in $(node_ports); do
    log="$(node_dir "$port")/redis.log"
    if [ -f "$log" ]; then
      echo "--- 127.0.0.1:$port redis.log (tail) ---" >&2
      tail -n 15 "$log" >&2
    fi
  done
}

fail() {
  echo "redis-cluster: $*" >&2
  print_logs
  exit 1
}

# Something (anything) accepts connections on the port.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Redis config values in double quotes take C-like escapes.
quote() {
  local value="${1//\\/\\\\}"
  echo "\"${value//\"/\\\"}\""
}

write_config() {
  local port="$1" dir
  dir="$(node_dir "$port")"
  mkdir -p "$dir"
  # repl-diskless-sync-delay 0: a replica's first full sync starts at once instead of after the 5 s default.
  cat >"$dir/redis.conf" <<EOF
port $port
bind 127.0.0.1
protected-mode no
daemonize no
dir $(quote "$dir")
logfile $(quote "$dir/redis.log")
cluster-enabled yes
cluster-config-file nodes.conf
cluster-node-timeout 2000
enable-debug-command local
save ""
appendonly no
repl-diskless-sync yes
repl-diskless-sync-delay 0
EOF
}

# Starts one node from its config in the background and records its pid. The node's output goes to its log, never to
# this script's stdout (a caller reading that to the end would otherwise wait for the node to exit).
launch_node() {
  local port="$1" dir
  dir="$(node_dir "$port")"
  redis-server "$dir/redis.conf" </dev/null >>"$dir/redis.log" 2>&1 &
  echo "$!" >"$dir/redis.pid"
}

# Waits until a node answers PING; exits 3 when it died because its port was taken.
wait_for_ping() {
  local port="$1" deadline=$((SECONDS + wait_seconds)) log
  log="$(node_dir "$port")/redis.log"
  until [ "$(cli "$port" PING 2>/dev/null)" = "PONG" ]; do
    if ! live_pid "$port" >/dev/null; then
      if grep -q 'Address already in use' "$log" 2>/dev/null; then
        echo "redis-cluster: port $port (or bus port $((port + 10000))) is already in use" >&2
        stop_nodes
        exit 3
      fi
      fail "node 127.0.0.1:$port exited during start"
    fi
    [ "$SECONDS" -lt "$deadline" ] || fail "node 127.0.0.1:$port did not answer PING within ${wait_seconds}s"
    sleep 0.05
  done
}

# One line of INFO output, e.g. field 7000 replication role -> master.
info_field() {
  cli "$1" INFO "$2" 2>/dev/null | tr -d '\r' | sed -n "s/^$3://p"
}

# Every node says cluster_state:ok and knows every other node; every replica's link is up and not syncing.
cluster_healthy() {
  local port role
  for port in $(node_ports); do
    [ "$(cli "$port" CLUSTER INFO 2>/dev/null | tr -d '\r' | sed -n 's/^cluster_known_nodes://p')" = "$node_count" ] || return 1
    [ "$(cli "$port" CLUSTER INFO 2>/dev/null | tr -d '\r' | sed -n 's/^cluster_state://p')" = "ok" ] || return 1
    role="$(info_field "$port" replication role)"
    if [ "$role" = "slave" ]; then
      [ "$(info_field "$port" replication master_link_status)" = "up" ] || return 1
      [ "$(info_field "$port" replication master_sync_in_progress)" = "0" ] || return 1
    fi
  done
  # Every node sees the same number of replicas as the layout asks for (the roles have propagated).
  for port in $(node_ports); do
    [ "$(cli "$port" CLUSTER NODES 2>/dev/null | awk '$3 ~ /slave/ && $3 !~ /fail/' | wc -l)" = $((primaries * replicas)) ] || return 1
  done
}

stop_nodes() {
  local port pid pids=()
  for port in $(node_ports); do
    if pid="$(live_pid "$port")"; then
      # SIGCONT first: a paused node would not act on SIGTERM.
      kill -CONT "$pid" 2>/dev/null || true
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$port:$pid")
    fi
  done
  local deadline=$((SECONDS + 5)) entry
  for entry in "${pids[@]}"; do
    while live_pid "${entry%%:*}" >/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
      sleep 0.05
    done
    if pid="$(live_pid "${entry%%:*}")"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for entry in "${pids[@]}"; do
    while live_pid "${entry%%:*}" >/dev/null; do
      sleep 0.05
    done
  done
}

start() {
  # shellcheck source=lib/packages.sh
  source "$repo_root/scripts/lib/packages.sh"
  ensure_commands redis-server:redis-server redis-cli:redis-tools

  if [ -f "$state_dir/ports" ] && [ "$(running_count)" -gt 0 ]; then
    echo "redis-cluster: already running in $state_dir ($(running_count) nodes)"
    seed_line
    return 0
  fi

  local ports=() port
  for port in $(seq "$base_port" $((base_port + node_count - 1))); do
    if port_in_use "$port" || port_in_use $((port + 10000)); then
      echo "redis-cluster: port $port (or bus port $((port + 10000))) is already in use" >&2
      exit 3
    fi
    ports+=("$port")
  done

  rm -rf "$state_dir"
  mkdir -p "$state_dir"
  printf '%s\n' "${ports[@]}" >"$state_dir/ports"
  for port in "${ports[@]}"; do
    write_config "$port"
    launch_node "$port"
  done
  for port in "${ports[@]}"; do
    wait_for_ping "$port"
  done

  local endpoints=()
  for port in "${ports[@]}"; do
    endpoints+=("127.0.0.1:$port")
  done
  if ! timeout "$wait_seconds" redis-cli --cluster create "${endpoints[@]}" --cluster-replicas "$replicas" --cluster-yes \
    >"$state_dir/create.log" 2>&1; then
    cat "$state_dir/create.log" >&2
    stop_nodes
    fail "redis-cli --cluster create failed"
  fi

  local deadline=$((SECONDS + wait_seconds))
  until cluster_healthy; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      status >&2 || true
      stop_nodes
      fail "the cluster did not become ok with replicas in sync within ${wait_seconds}s"
    fi
    sleep 0.1
  done
  seed_line
}

start_node() {
  local port="${1:-}" pid
  [[ "$port" =~ ^[0-9]+$ ]] || die "start-node needs a PORT"
  [ -f "$(node_dir "$port")/redis.conf" ] || die "no node on port $port in $state_dir"
  if pid="$(live_pid "$port")"; then
    echo "redis-cluster: node 127.0.0.1:$port already runs (pid $pid)"
    return 0
  fi
  launch_node "$port"
  wait_for_ping "$port"
  echo "node: 127.0.0.1:$port pid $(live_pid "$port")"
}

stop() {
  if [ ! -d "$state_dir" ]; then
    echo "redis-cluster: not running (no $state_dir)"
    return 0
  fi
  stop_nodes
  rm -rf "$state_dir"
  echo "redis-cluster: stopped"
}

status() {
  if [ ! -f "$state_dir/ports" ] || [ "$(running_count)" -eq 0 ]; then
    echo "redis-cluster: not running"
    return 1
  fi
  local port pid nodes="" state
  for port in $(node_ports); do
    if live_pid "$port" >/dev/null && nodes="$(cli "$port" CLUSTER NODES 2>/dev/null | tr -d '\r')" && [ -n "$nodes" ]; then
      state="$(cli "$port" CLUSTER INFO 2>/dev/null | tr -d '\r' | sed -n 's/^cluster_state://p')"
      break
    fi
  done
  echo "$(seed_line) (cluster_state:${state:-unknown})"
  for port in $(node_ports); do
    pid="$(live_pid "$port" || echo "-")"
    # CLUSTER NODES: id addr@bus flags primary-id ping pong epoch link slots...
    awk -v port="$port" -v pid="$pid" -v all="$nodes" 'BEGIN {
      n = split(all, lines, "\n"); found = 0
      for (i = 1; i <= n; i++) {
        split(lines[i], f, " "); split(f[2], addr, "@")
        if (addr[1] != "127.0.0.1:" port) continue
        found = 1; role = f[3]; sub(/myself,/, "", role)
        if (role ~ /master/) {
          slots = ""
          for (j = 9; j <= length(f); j++) if (f[j] != "") slots = slots " " f[j]
          printf "127.0.0.1:%s pid %s %s slots%s\n", port, pid, role, (slots == "" ? " none" : slots)
        } else {
          primary = f[4]
          for (k = 1; k <= n; k++) { split(lines[k], g, " "); if (g[1] == primary) { split(g[2], pa, "@"); primary = pa[1] } }
          printf "127.0.0.1:%s pid %s %s of %s\n", port, pid, role, primary
        }
      }
      if (!found) printf "127.0.0.1:%s pid %s unknown\n", port, pid
    }'
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  start-node) start_node "${2:-}" ;;
  -h | --help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
