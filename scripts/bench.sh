#!/usr/bin/env bash
# Runs a benchmark suite from any directory.
#
#   scripts/bench.sh resp          Strata.Resp under load vs redis-benchmark against the same redis-server, in the
#                                  same run; one line per case ending in ratio=X.XX (ours / redis-benchmark), then
#                                  "resp: min_ratio=X.XX".
#   scripts/bench.sh ratelimit     Decisions per second of each Redis rate limiter (50 concurrent callers) vs a raw INCR
#                                  round trip through Strata.Resp in the same run; one line per case, then
#                                  "ratelimit: gcra_ratio_vs_incr=X.XX".
#   scripts/bench.sh tier          The Strata cache over the Redis tier (50 concurrent callers): GetOrCreateAsync with L1
#                                  disabled vs a raw GET of the same envelopes through Strata.Resp in the same run, then
#                                  L1 + L2 under Zipf(1.0) over 100,000 keys (hit ratios per tier); one line per case,
#                                  then "tier: overhead_vs_raw_get=X.XX" (raw GETs/s over tier reads/s; 1.00 = no cost).
#   scripts/bench.sh http [args]   HTTP response caching: Kestrel on loopback serving an endpoint that takes 20 ms
#                                  (~2 KB JSON), uncached / ASP.NET Core output cache / Strata L1 / Strata over Redis with
#                                  L1 disabled, each server in its own process, one closed-loop HttpClient generator
#                                  (32 connections, 2 s warm-up); one line per configuration (rps, p50/p99 ms, upstream
#                                  calls), then "http: strata_vs_outputcache_rps=X.XX". Extra arguments go to the runner.
#   scripts/bench.sh traveldesk [--redis] [args]
#                                  The TravelDesk sample under a travel workload (Zipf(1.0) over flight routes x dates x
#                                  parties, hotel stays, and SmartTrip/HITA database reads; 60/15/25 %), a fixed number of
#                                  requests (STRATA_BENCH_REQUESTS, default 3000, after STRATA_BENCH_WARMUP = 1000
#                                  unmeasured ones from the same sequence) at 16 connections, with the cache off
#                                  and then on, each run against a fresh supplier process and a fresh SQLite file; one
#                                  line per run (rps, p50/p95/p99, hit ratios, supplier calls, database queries, errors),
#                                  the comparison and the seeds' targets, then
#                                  "traveldesk: p50_reduction=XX% supplier_calls_saved=XX%". --redis adds a run over a
#                                  private redis-server (L2). STRATA_BENCH_LATENCY_SCALE (default 1.0) scales the
#                                  supplier's latency (0.1 for a quick run). Extra arguments go to the runner.
#   scripts/bench.sh cluster       A private 3-primary/3-replica Redis Cluster (scripts/redis-cluster.sh): GET and SET of
#                                  100-byte values over 10,000 keys through one Strata.Resp client in cluster mode vs
#                                  redis-benchmark --cluster against the same cluster, in the same run; one line per case,
#                                  then "cluster: ratio=X.XX" (the lower of the two ratios, ours / redis-benchmark).
#   scripts/bench.sh bdn [filter]  The BenchmarkDotNet suite (default filter '*'); extra arguments go to BenchmarkDotNet.
#
# STRATA_BENCH_SECONDS (default 5) sets the length of each measurement in "resp", "ratelimit" and "tier"; in "http"
# it defaults to 10.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

project="bench/Strata.Benchmarks/Strata.Benchmarks.csproj"
seconds="${STRATA_BENCH_SECONDS:-5}"

usage() {
  cat >&2 <<'EOF'
usage: scripts/bench.sh NAME [args]
names:
  resp           Strata.Resp vs redis-benchmark (GET/SET, 100-byte values) against one redis-server; prints ratios
  ratelimit      each Redis rate limiter's decisions/s vs a raw INCR round trip (the floor); prints ratios
  tier           cache reads over the Redis tier: L1 disabled vs a raw GET (overhead ratio), L1 + L2 under Zipf(1.0)
  http [args]    HTTP response caching: uncached / output cache / Strata L1 / Strata Redis L2 (L1 off); prints rps ratio
  traveldesk [--redis] [args]
                 TravelDesk sample, cache off vs on, same travel workload; prints p50 reduction and supplier calls saved
  cache          BenchmarkDotNet: L1 hit via GetOrCreateAsync vs MemoryCache.TryGetValue, L2 hit, GetManyAsync(100)
  cluster        Strata.Resp in cluster mode vs redis-benchmark --cluster on a private Redis Cluster; prints ratios
  bdn [filter]   BenchmarkDotNet suite (parser, writer, round trip); filter defaults to '*'
EOF
}

# redis-server for the server, redis-tools for redis-benchmark and redis-cli.
# shellcheck source=lib/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"
install_redis() {
  ensure_commands redis-server:redis-server redis-benchmark:redis-tools redis-cli:redis-tools
}

server_pid=""
server_dir=""

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
  if [ -n "$server_dir" ]; then
    rm -rf "$server_dir"
    server_dir=""
  fi
}

# Starts redis-server on a free loopback port (sets $port and $server_pid). Ports are drawn from below the kernel's
# ephemeral range, so no client socket can be holding one; a port that is taken anyway makes redis-server exit,
# and another is tried.
start_server() {
  local ephemeral_low
  ephemeral_low="$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  server_dir="$(mktemp -d -t strata-bench-redis-XXXXXX)"
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((10000 + RANDOM % (ephemeral_low - 10000)))
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
      --dir "$server_dir" --logfile "$server_dir/redis.log" &
    server_pid=$!
    local waited
    for waited in $(seq 1 100); do
      if ! kill -0 "$server_pid" 2>/dev/null; then
        break
      fi
      if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)" = "PONG" ]; then
        return 0
      fi
      sleep 0.05
    done
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  done
  echo "bench.sh: redis-server did not start; last log:" >&2
  tail -n 20 "$server_dir/redis.log" >&2 || true
  return 1
}

# Requests per second from redis-benchmark --csv ("GET","64288.00",...).
redis_benchmark_rps() {
  local test="$1"
  shift
  local upper output rps
  upper="$(echo "$test" | tr '[:lower:]' '[:upper:]')"
  output="$(redis-benchmark -h 127.0.0.1 -p "$port" -t "$test" -d 100 --csv "$@")"
  rps="$(echo "$output" | awk -F'"' -v t="$upper" '$2 == t { print $4; exit }')"
  if [ -z "$rps" ]; then
    echo "bench.sh: could not read requests per second from redis-benchmark:" >&2
    echo "$output" >&2
    return 1
  fi
  echo "$rps"
}

# One case: redis-benchmark, then Strata.Resp, against the same server. redis-benchmark has no duration option, so a
# short run (which also warms the server up, as our runner's 1 s warm-up does) sizes -n for about $seconds seconds.
run_case() {
  local op="$1" callers="$2" label="$3"
  shift 3
  local probe_n=50000
  case " $* " in *" -P "*) probe_n=300000 ;; esac

  local probe n rb ours line
  probe="$(redis_benchmark_rps "$op" -n "$probe_n" "$@")"
  n="$(awk -v r="$probe" -v s="$seconds" 'BEGIN { n = int(r * s); if (n < 10000) n = 10000; print n }')"
  rb="$(redis_benchmark_rps "$op" -n "$n" "$@")"

  line="$(dotnet "$bench_dll" resp-load --port "$port" --clients "$callers" --op "$op" --seconds "$seconds" --value-size 100)"
  ours="$(echo "$line" | tr ' ' '\n' | awk -F= '$1 == "ops_per_sec" { print $2 }')"
  if [ -z "$ours" ]; then
    echo "bench.sh: could not read ops_per_sec from: $line" >&2
    return 1
  fi

  local ratio
  ratio="$(awk -v a="$ours" -v b="$rb" 'BEGIN { printf "%.2f", a / b }')"
  printf '%s redis-benchmark=%.0f strata=%.0f ratio=%s\n' "$label" "$rb" "$ours" "$ratio"
  ratios+=("$ratio")
}

# Builds the runner (bench_dll) and starts a private redis-server on a free port, stopped when the script exits.
build_and_start_redis() {
  install_redis
  echo "==> dotnet build $project -c Release" >&2
  dotnet build "$project" -c Release -v quiet -nologo >&2
  bench_dll="$(dotnet msbuild "$project" -getProperty:TargetPath -p:Configuration=Release)"

  trap stop_server EXIT
  trap "exit 130" INT
  trap "exit 143" TERM
  start_server
}

run_resp() {
  build_and_start_redis
  # redis-benchmark's key without -r is the literal "key:__rand_int__"; GETs must find a 100-byte value there.
  redis-cli -h 127.0.0.1 -p "$port" set key:__rand_int__ "$(printf 'x%.0s' $(seq 1 100))" >/dev/null

  echo "# redis-server $(redis-server --version | awk '{print $3}' | sed 's/v=//') on 127.0.0.1, $(nproc) cores, ${seconds} s per measurement"
  echo "# strata: one RespClient (one connection), c=N concurrent awaiting callers; redis-benchmark: -c 50 connections, -P 16 where P=16 is shown"
  ratios=()
  run_case get 50 "get c=50" -c 50
  run_case get 500 "get c=500 P=16" -c 50 -P 16
  run_case set 50 "set c=50" -c 50
  run_case set 500 "set c=500 P=16" -c 50 -P 16

  local min
  min="$(printf '%s\n' "${ratios[@]}" | sort -g | head -n 1)"
  echo "resp: min_ratio=$min"
}

run_ratelimit() {
  build_and_start_redis

  echo "# redis-server $(redis-server --version | awk '{print $3}' | sed 's/v=//') on 127.0.0.1, $(nproc) cores, ${seconds} s per case"
  echo "# one RespClient, 50 concurrent callers, each on its own partition; floor = mean of INCR measured first and last"
  local output gcra
  output="$(dotnet "$bench_dll" ratelimit-load --port "$port" --clients 50 --seconds "$seconds")"
  echo "$output"
  gcra="$(echo "$output" | awk '$1 == "case=gcra" { for (i = 1; i <= NF; i++) if ($i ~ /^ratio_vs_incr=/) { sub("ratio_vs_incr=", "", $i); print $i } }')"
  if [ -z "$gcra" ]; then
    echo "bench.sh: no gcra ratio in the runner's output" >&2
    return 1
  fi
  echo "ratelimit: gcra_ratio_vs_incr=$gcra"
}

run_tier() {
  build_and_start_redis

  echo "# redis-server $(redis-server --version | awk '{print $3}' | sed 's/v=//') on 127.0.0.1, $(nproc) cores, ${seconds} s per case"
  local output overhead
  output="$(dotnet "$bench_dll" tier-load --port "$port" --clients 50 --seconds "$seconds")"
  echo "$output"
  overhead="$(echo "$output" | awk -F= '$1 == "overhead_vs_raw_get" { print $2 }')"
  if [ -z "$overhead" ]; then
    echo "bench.sh: no overhead_vs_raw_get in the runner's output" >&2
    return 1
  fi
  echo "tier: overhead_vs_raw_get=$overhead"
}

cluster_dir=""

stop_cluster() {
  if [ -n "$cluster_dir" ]; then
    REDIS_CLUSTER_DIR="$cluster_dir" "$repo_root/scripts/redis-cluster.sh" stop >/dev/null 2>&1 || true
    rm -rf "$cluster_dir"
  fi
}

# GET/SET through Strata.Resp against a private cluster vs redis-benchmark --cluster against the same nodes.
run_cluster() {
  install_redis
  echo "==> dotnet build $project -c Release" >&2
  dotnet build "$project" -c Release -v quiet -nologo >&2
  bench_dll="$(dotnet msbuild "$project" -getProperty:TargetPath -p:Configuration=Release)"

  cluster_dir="$(mktemp -d)"
  trap stop_cluster EXIT
  trap "exit 130" INT
  trap "exit 143" TERM
  local ephemeral_low base started=0
  ephemeral_low="$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  for _ in $(seq 1 5); do
    # Node ports base..base+5 and their bus ports (+10000) all stay below the ephemeral range.
    base=$((10000 + RANDOM % (ephemeral_low - 10000 - 10010)))
    if REDIS_CLUSTER_DIR="$cluster_dir" REDIS_CLUSTER_PORT="$base" "$repo_root/scripts/redis-cluster.sh" start >&2; then
      started=1
      break
    fi
  done
  if [ "$started" -ne 1 ]; then
    echo "bench.sh: could not start the cluster" >&2
    return 1
  fi
  port="$base"

  echo "# redis-server $(redis-server --version | awk '{print $3}' | sed 's/v=//') cluster: 3 primaries + 3 replicas on 127.0.0.1, $(nproc) cores, ${seconds} s per measurement"
  echo "# strata: one RespClient in cluster mode (one connection per primary), 50 concurrent callers, 10,000 keys; redis-benchmark --cluster -c 50 -r 10000"
  local op rb ours ratio line min=""
  for op in set get; do
    local probe n
    probe="$(redis_benchmark_rps "$op" --cluster -c 50 -r 10000 -n 50000)"
    n="$(awk -v r="$probe" -v s="$seconds" 'BEGIN { n = int(r * s); if (n < 10000) n = 10000; print n }')"
    rb="$(redis_benchmark_rps "$op" --cluster -c 50 -r 10000 -n "$n")"
    line="$(dotnet "$bench_dll" resp-load --port "$port" --cluster true --keyspace 10000 --clients 50 --op "$op" --seconds "$seconds" --value-size 100)"
    ours="$(echo "$line" | tr ' ' '\n' | awk -F= '$1 == "ops_per_sec" { print $2 }')"
    if [ -z "$ours" ]; then
      echo "bench.sh: could not read ops_per_sec from: $line" >&2
      return 1
    fi
    ratio="$(awk -v a="$ours" -v b="$rb" 'BEGIN { printf "%.2f", a / b }')"
    printf '%s c=50 redis-benchmark=%.0f strata=%.0f ratio=%s\n' "$op" "$rb" "$ours" "$ratio"
    if [ -z "$min" ] || awk -v a="$ratio" -v b="$min" 'BEGIN { exit !(a < b) }'; then
      min="$ratio"
    fi
  done
  echo "cluster: ratio=$min"
}

# A free loopback port below the kernel's ephemeral range (no client socket can hold it) for the benchmark's Kestrel.
pick_http_port() {
  local ephemeral_low candidate
  ephemeral_low="$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  for _ in $(seq 1 20); do
    candidate=$((10000 + RANDOM % (ephemeral_low - 10000)))
    if [ "$candidate" != "${port:-}" ] && ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "bench.sh: no free port for the HTTP server" >&2
  return 1
}

run_http() {
  local http_seconds="${STRATA_BENCH_SECONDS:-10}"
  echo "==> dotnet build $project -c Release" >&2
  dotnet build "$project" -c Release -v quiet -nologo >&2
  bench_dll="$(dotnet msbuild "$project" -getProperty:TargetPath -p:Configuration=Release)"

  trap stop_server EXIT
  trap "exit 130" INT
  trap "exit 143" TERM
  # The Redis configuration is the only one that needs redis-server: without it (and without a way to install it)
  # the runner prints a "skipped" line for it and measures the other three.
  local redis_args=()
  if ensure_commands redis-server:redis-server redis-cli:redis-tools; then
    start_server
    redis_args=(--redis-port "$port")
    echo "# redis-server $(redis-server --version | awk '{print $3}' | sed 's/v=//') on 127.0.0.1:$port (--save \"\" --appendonly no)"
  else
    echo "# redis-server is not installed and could not be installed: strata_redis_l2 is skipped"
  fi

  local http_port output ratio
  http_port="$(pick_http_port)"
  output="$(dotnet "$bench_dll" http-load --port "$http_port" --connections 32 --duration "$http_seconds" --warmup 2 \
    "${redis_args[@]}" "$@")"
  echo "$output"
  ratio="$(echo "$output" | awk -F= '$1 == "strata_vs_outputcache_rps" { print $2 }')"
  if [ -z "$ratio" ]; then
    echo "bench.sh: no strata_vs_outputcache_rps in the runner's output" >&2
    return 1
  fi
  echo "http: strata_vs_outputcache_rps=$ratio"
}

# The TravelDesk runner starts and stops the supplier and TravelDesk processes itself (by process id, loopback only);
# this builds them, optionally starts a redis-server for the L2 run, and bounds the whole run in time.
run_traveldesk() {
  local redis_args=()
  if [ "${1:-}" = "--redis" ]; then
    shift
    trap stop_server EXIT
    trap "exit 130" INT
    trap "exit 143" TERM
    if ensure_commands redis-server:redis-server redis-cli:redis-tools; then
      start_server
      redis_args=(--redis-port "$port")
    else
      echo "# redis-server is not installed and could not be installed: the cache_on_redis run is skipped"
    fi
  fi

  echo "==> dotnet build samples/TravelDesk -c Release" >&2
  dotnet build samples/TravelDesk -c Release -v quiet -nologo >&2
  echo "==> dotnet build $project -c Release" >&2
  dotnet build "$project" -c Release -v quiet -nologo >&2
  bench_dll="$(dotnet msbuild "$project" -getProperty:TargetPath -p:Configuration=Release)"

  # SIGINT on timeout lets the runner stop its services; -k kills it if it does not end 30 s later.
  timeout --foreground -s INT -k 30 "${STRATA_BENCH_TIMEOUT:-900}" \
    dotnet "$bench_dll" traveldesk-load --requests "${STRATA_BENCH_REQUESTS:-3000}" --warmup "${STRATA_BENCH_WARMUP:-1000}" --concurrency 16 \
    --latency-scale "${STRATA_BENCH_LATENCY_SCALE:-1.0}" "${redis_args[@]}" "$@"
}

run_bdn() {
  install_redis
  local filter="${1:-*}"
  if [ "$#" -gt 0 ]; then
    shift
  fi
  # Artifacts (reports, logs, the generated per-job projects' output) stay under the ignored artifacts/ folder.
  dotnet run -c Release --project "$project" -- bdn --filter "$filter" --artifacts artifacts/bdn "$@"
}

# The cache engine's read paths (BenchmarkDotNet, [MemoryDiagnoser]); the last line compares the L1 hit with the raw
# MemoryCache.TryGetValue baseline measured in the same run.
run_cache() {
  local results="artifacts/bdn-cache"
  rm -rf "$results"
  dotnet run -c Release --project "$project" -- bdn --filter '*CacheBenchmarks*' --artifacts "$results" "$@"
  local report
  report="$(find "$results" -name '*CacheBenchmarks-report-github.md' | head -n 1)"
  if [ -z "$report" ]; then
    echo "bench.sh: no BenchmarkDotNet report for CacheBenchmarks" >&2
    exit 1
  fi
  # Columns: | Method | Mean | Error | StdDev | Ratio | RatioSD | [Gen0 | Gen1 |] Allocated | Alloc Ratio |
  awk -F'|' '
    /GetOrCreateAsync, L1 hit[^s]/ {
      ratio = $6; gsub(/ /, "", ratio)
      alloc = $(NF - 2); gsub(/ /, "", alloc)
      if (alloc == "-") alloc = "0"
      sub(/B$/, "", alloc)
      printf "cache: l1_hit_ratio_vs_memorycache=%s alloc_bytes=%s\n", ratio, alloc
    }' "$report"
}

case "${1:-}" in
  cache)
    shift
    run_cache "$@"
    ;;
  resp)
    shift
    run_resp "$@"
    ;;
  ratelimit)
    shift
    run_ratelimit "$@"
    ;;
  tier)
    shift
    run_tier "$@"
    ;;
  http)
    shift
    run_http "$@"
    ;;
  traveldesk)
    shift
    run_traveldesk "$@"
    ;;
  cluster)
    shift
    run_cluster "$@"
    ;;
  bdn)
    shift
    run_bdn "$@"
    ;;
  *)
    usage
    exit 2
    ;;
esac
