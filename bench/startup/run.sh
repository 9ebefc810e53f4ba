#!/usr/bin/env bash
# Process start-up of the guardrail CLI against a hello-world .NET process, timed as paired, alternating runs.
#   bash bench/startup/run.sh [ROUNDS]        (default 31 rounds; SKIP_PUBLISH=1 reuses artifacts/startup/)
# Each round runs the four builds once each (hello, jit, r2r, aot; see publish.sh), in an order that rotates from
# round to round, so that background load on a shared machine falls on all four alike. The CLI command is the
# README's quick start (a `breaks` verdict, exit 1). Prints each build's median wall time over the rounds, its
# ratio to hello's median, and the median of the per-round ratios (the paired figure); then the same for CPU time
# (user + system), which background load on a shared machine inflates less than wall time.
set -euo pipefail
cd "$(dirname "$0")/../.."
TIMEFORMAT='%3R %3U %3S'
rounds=${1:-31}
kinds=(hello jit r2r aot)
[ "${SKIP_PUBLISH:-0}" = 1 ] || bash bench/startup/publish.sh "${kinds[@]}"

command_for() {
  case $1 in
    hello) echo "artifacts/startup/hello/Hello" ;;
    *) echo "artifacts/startup/$1/guardrail check bucket-policy --policy examples/bucket-policies/vpce-lockout.json --bucket amzn-s3-demo-bucket --spectrum-role arn:aws:iam::123456789012:role/redshift" ;;
  esac
}

# One untimed run each: warms the file cache and checks each build answers as expected.
for kind in "${kinds[@]}"; do
  set +e; $(command_for "$kind") >/dev/null 2>&1; rc=$?; set -e
  want=1; [ "$kind" = hello ] && want=0
  [ "$rc" = "$want" ] || { echo "$kind exited $rc, expected $want" >&2; exit 1; }
done

samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
for ((r = 0; r < rounds; r++)); do
  for ((i = 0; i < ${#kinds[@]}; i++)); do
    kind=${kinds[$(((i + r) % ${#kinds[@]}))]}
    cmd=$(command_for "$kind")
    # bash's time keyword: wall, user and system seconds of the child (CPU time suffers less from other load).
    times=$({ time $cmd >/dev/null 2>&1; } 2>&1 || true)
    echo "$r $kind $times" >>"$samples"
  done
done

awk -v rounds="$rounds" '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  function table(title, ms,   k, n, r, name, v, q, med) {
    for (k = 1; k <= 4; k++) { n = 0; for (r = 0; r < rounds; r++) v[++n] = ms[r, order[k]]; med[order[k]] = median(v, n) }
    printf "%s, median of %d paired rounds (ms)\n", title, rounds
    printf "%-6s %9s %12s %14s\n", "build", "median", "vs hello", "paired ratio"
    for (k = 1; k <= 4; k++) {
      name = order[k]; n = 0
      for (r = 0; r < rounds; r++) q[++n] = ms[r, name] / ms[r, "hello"]
      printf "%-6s %9.1f %11.2fx %13.2fx\n", name, med[name], med[name] / med["hello"], median(q, n)
    }
  }
  { wall[$1, $2] = $3 * 1000; cpu[$1, $2] = ($4 + $5) * 1000 }
  END {
    order[1] = "hello"; order[2] = "jit"; order[3] = "r2r"; order[4] = "aot"
    table("start-up wall time", wall)
    print ""
    table("start-up CPU time (user + system)", cpu)
  }' "$samples"
