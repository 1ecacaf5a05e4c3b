#!/usr/bin/env bash
# The TravelDesk demo, from any directory:
#
#   scripts/demo.sh [--keep] [--no-redis] [runner args]
#
# Starts, all on loopback and in one temporary folder: the simulated travel supplier (its own process), a redis-server
# when one is installed or installable (free port, --save "" --appendonly no), and two TravelDesk instances, A and B,
# sharing the supplier, Redis and one SQLite file, with the same admin key. Then drives a short travel workload across
# both (about 30-60 s at the supplier's default latency) and tells what happened: hit ratios per instance and per tier,
# supplier calls made vs searches served, the same searches with and without the cache (skipCache=true sends a search
# straight to the supplier), and a trip template edited on A and read on B.
#
# Without Redis (not installable, or --no-redis to see the difference) the two instances run with their own memory
# cache only (the script says so): B cannot reuse what A fetched, and A's edit does not reach B's cache.
#
# --keep leaves everything running (dashboard, admin API) until Ctrl-C; by default every process the script started
# is stopped and the temporary folder removed on exit, also on Ctrl-C or an error. Extra arguments go to the runner
# (e.g. --requests 1000). STRATA_DEMO_LATENCY_SCALE (default 1.0) scales the supplier's latency.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# shellcheck source=lib/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

keep=0
want_redis=1
runner_args=()
for argument in "$@"; do
  case "$argument" in
    --keep) keep=1 ;;
    --no-redis) want_redis=0 ;;
    -h | --help)
      sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) runner_args+=("$argument") ;;
  esac
done

project="bench/Strata.Benchmarks/Strata.Benchmarks.csproj"
latency_scale="${STRATA_DEMO_LATENCY_SCALE:-1.0}"
work_dir=""
pids=()
names=()

# Stops what this script started, newest first, by process id: SIGTERM, then SIGKILL after 10 s.
cleanup() {
  local i pid
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid="${pids[$i]}"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid="${pids[$i]}"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "demo.sh: ${names[$i]} (pid $pid) did not stop; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  pids=()
  if [ -n "$work_dir" ]; then
    rm -rf "$work_dir"
    work_dir=""
  fi
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM

# A free loopback port below the kernel's ephemeral range (no client socket can hold it), not one already chosen.
taken_ports=" "
free_port() {
  local ephemeral_low candidate
  ephemeral_low="$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  for _ in $(seq 1 50); do
    candidate=$((10000 + RANDOM % (ephemeral_low - 10000)))
    case "$taken_ports" in *" $candidate "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      taken_ports="$taken_ports$candidate "
      echo "$candidate"
      return 0
    fi
  done
  echo "demo.sh: no free loopback port" >&2
  return 1
}

# start NAME READY_TEXT COMMAND...: runs COMMAND in the temporary folder, its output in NAME.log, and waits (up to
# 180 s: TravelDesk creates and seeds the database on first start) for READY_TEXT in that log.
start() {
  local name="$1" ready="$2"
  shift 2
  local log="$work_dir/$name.log"
  (cd "$work_dir" && exec "$@") >"$log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  names+=("$name")
  for _ in $(seq 1 1800); do
    if grep -qF -- "$ready" "$log"; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "demo.sh: $name exited before it was ready; its log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "demo.sh: $name was not ready after 180 s; its log:" >&2
  tail -n 30 "$log" >&2
  return 1
}

echo "==> dotnet build samples/TravelDesk -c Release" >&2
dotnet build samples/TravelDesk -c Release -v quiet -nologo >&2
echo "==> dotnet build $project -c Release" >&2
dotnet build "$project" -c Release -v quiet -nologo >&2
bench_dll="$(dotnet msbuild "$project" -getProperty:TargetPath -p:Configuration=Release)"
travel_desk_dll="$repo_root/samples/TravelDesk/bin/Release/net10.0/TravelDesk.dll"
supplier_dll="$repo_root/samples/TravelDesk.Supplier/bin/Release/net10.0/TravelDesk.Supplier.dll"

# Redis is optional: installed when apt can (as scripts/test.sh does), otherwise the demo runs L1-only.
redis=0
if [ "$want_redis" -eq 1 ] && ensure_commands redis-server:redis-server redis-cli:redis-tools; then
  redis=1
fi

work_dir="$(mktemp -d -t strata-demo-XXXXXX)"
admin_key="demo-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
supplier_port="$(free_port)"
a_port="$(free_port)"
b_port="$(free_port)"

# The supplier's injected 2 % failures are off and its limits raised so the demo shows caching, not 429s and 503s.
start supplier "Travel supplier listening on" dotnet "$supplier_dll" --urls="http://127.0.0.1:$supplier_port" \
  --Supplier:SearchesPerMinute=6000 --Supplier:ErrorRate=0 --Supplier:LatencyScale="$latency_scale"

redis_args=()
if [ "$redis" -eq 1 ]; then
  redis_port="$(free_port)"
  mkdir -p "$work_dir/redis"
  start redis-server "Ready to accept connections" redis-server --port "$redis_port" --bind 127.0.0.1 \
    --save "" --appendonly no --daemonize no --dir "$work_dir/redis"
  redis_args=(--Strata:Redis="redis://127.0.0.1:$redis_port")
fi

travel_desk_args=(
  --TravelDesk:Supplier:Url="http://127.0.0.1:$supplier_port"
  --TravelDesk:Supplier:SearchesPerMinute=5000
  --TravelDesk:Quota:SearchesPerDay=100000
  --TravelDesk:Database:ConnectionString="Data Source=$work_dir/traveldesk.db"
  --Strata:Admin:ApiKey="$admin_key"
  --Logging:LogLevel:Default=Warning
  "${redis_args[@]}"
)
# A first: it creates and seeds the SQLite file, which B then opens.
start traveldesk-a "TravelDesk is listening on" dotnet "$travel_desk_dll" --urls="http://127.0.0.1:$a_port" "${travel_desk_args[@]}"
start traveldesk-b "TravelDesk is listening on" dotnet "$travel_desk_dll" --urls="http://127.0.0.1:$b_port" "${travel_desk_args[@]}"

echo
echo "TravelDesk demo: everything on loopback, in a temporary folder removed on exit"
echo "  supplier    http://127.0.0.1:$supplier_port  (simulated: searches 150-1200 ms x $latency_scale, injected errors off)"
if [ "$redis" -eq 1 ]; then
  echo "  redis       127.0.0.1:$redis_port  ($(redis-server --version | awk '{print $3}' | sed 's/v=//'), no persistence): L2 shared by A and B, and the channel their invalidations travel on"
elif [ "$want_redis" -eq 0 ]; then
  echo "  redis       left out (--no-redis): A and B run L1-only (memory), with no shared L2 and no invalidation between them"
else
  echo "  redis       not installed and not installable here: A and B run L1-only (memory), with no shared L2 and no invalidation between them"
fi
echo "  instance A  http://127.0.0.1:$a_port"
shared="same supplier, same SQLite file, same admin key"
[ "$redis" -eq 1 ] && shared="same supplier, same SQLite file, same Redis, same admin key"
echo "  instance B  http://127.0.0.1:$b_port   ($shared)"

redis_flag=no
[ "$redis" -eq 1 ] && redis_flag=yes
status=0
dotnet "$bench_dll" traveldesk-demo --a "http://127.0.0.1:$a_port" --b "http://127.0.0.1:$b_port" \
  --supplier "http://127.0.0.1:$supplier_port" --admin-key "$admin_key" --redis "$redis_flag" "${runner_args[@]}" || status=$?

echo
echo "Dashboard of instance A: http://127.0.0.1:$a_port/cache/dashboard   (B: http://127.0.0.1:$b_port/cache/dashboard)"
echo "Admin key (both):        $admin_key"
echo "  e.g. curl -H 'Authorization: Bearer $admin_key' http://127.0.0.1:$a_port/cache/stats"

if [ "$keep" -eq 1 ]; then
  echo
  echo "Still running (--keep). Logs in $work_dir. Press Ctrl-C to stop everything and remove the temporary folder."
  while true; do
    sleep 1
  done
fi

if [ "$status" -ne 0 ]; then
  echo "demo.sh: the demo runner failed (exit code $status); logs of the services:" >&2
  for name in "${names[@]}"; do
    echo "--- $name" >&2
    tail -n 15 "$work_dir/$name.log" >&2 || true
  done
  exit "$status"
fi
