#!/usr/bin/env bash
# Differential check and side-by-side speed run against @cloud-copilot/iam-simulate.
#   bash bench/differential/run.sh [SECONDS] [ROUNDS]      (defaults: 5 seconds per timing, 5 rounds)
#   bash bench/differential/run.sh path [WORLDS]           whole access paths, agreement only (default 500 worlds)
# Needs Node.js and npm (installs iam-simulate from package-lock.json into bench/differential/node_modules, which
# git ignores; it is AGPL and runs only as a separate Node process).
#
# 1. Agreement: our decision on every exported concrete request vs iam-simulate's (disagreements are explained in
#    bench/differential/DISAGREEMENTS.md).
# 2. Speed: decisions per second on the same concrete requests, both sides preparing each policy once (ours parsed
#    into the core's model; theirs as iam-policy ValidatedPolicy objects, so runSimulation skips re-validation),
#    each after an uncounted warm-up. Each round times ours, theirs validated once, and theirs validating per call
#    (the library's plain use, for reference), in an order that alternates from round to round. The figure is the
#    median over the rounds of each round's ratio, by wall clock and, as a cross-check that background load on a
#    shared machine hurts less, by process CPU time.
# 3. Speed kernel to kernel: the same requests, iam-simulate's lowest level (authorize() of its core engine) with
#    everything prepared once per request (policies loaded, context normalised, request built), against our
#    PolicyEvaluator.Evaluate on parsed policies and built requests. runSimulation (2.) re-loads every policy, checks
#    the action against its service data and builds a trace on every call, so 2. compares our kernel with their whole
#    API and 3. compares kernels. Before timing, every kernel answer is checked against runSimulation's (0 must differ).
#    Each round also times the kernel; its figures are printed beside 2.'s, with the spread of the per-round ratios.
#
# path: every concrete request of generated access paths (tests/Guardrail.Testing/Paths/PathWorlds.cs) — S3 reads,
#    Glue catalog reads and S3's kms:Decrypt for the role — decided by the path's rules and by iam-simulate given the
#    same identity policies, boundary, SCP levels, RCP levels and resource policy; prints the agreement rate and the
#    disagreements by class ("Whole path" section of DISAGREEMENTS.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd bench/differential && npm ci --no-audit --no-fund --silent)
dotnet build bench/Guardrail.Differential -c Release -v quiet -nologo >/dev/null
tool="dotnet bench/Guardrail.Differential/bin/Release/net10.0/Guardrail.Differential.dll"

if [[ ${1:-} == path ]]; then
  $tool export-path "$work/paths.json" "${2:-500}"
  echo "== whole-path agreement (disagreements explained in bench/differential/DISAGREEMENTS.md, \"Whole path\")"
  node bench/differential/compare.mjs "$work/paths.json" --report "$work/disagreements.json"
  exit 0
fi

seconds=${1:-5}
rounds=${2:-5}

$tool export "$work/requests.json"
echo "== agreement (disagreements explained in bench/differential/DISAGREEMENTS.md)"
node bench/differential/compare.mjs "$work/requests.json" --report "$work/disagreements.json"

echo "== kernel answers (iam-simulate authorize(), prepared once) vs runSimulation's"
node bench/differential/compare.mjs "$work/requests.json" --kernel-check

echo "== decisions per second, same concrete requests, ${seconds}s per timing, ${rounds} rounds; $(uptime | sed 's/.*load/load/')"
for ((r = 1; r <= rounds; r++)); do
  time_ours() { ours=$($tool time "$work/requests.json" "$seconds"); }
  time_theirs() {
    theirs=$(node bench/differential/compare.mjs "$work/requests.json" --time "$seconds")
    percall=$(node bench/differential/compare.mjs "$work/requests.json" --time "$seconds" --per-call)
    kernel=$(node bench/differential/compare.mjs "$work/requests.json" --time "$seconds" --kernel)
  }
  if ((r % 2)); then time_ours; time_theirs; else time_theirs; time_ours; fi
  printf 'round %d: %s\n' "$r" "$ours" "$r" "$theirs" "$r" "$percall" "$r" "$kernel"
  printf '%s\n%s\n%s\n%s\n' "$ours" "$theirs" "$percall" "$kernel" >>"$work/rounds.jsonl"
  echo "  ($(uptime | sed 's/.*load/load/'))"
done

node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse)
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2 }
  const rounds = []
  for (let i = 0; i < lines.length; i += 4) rounds.push({ ours: lines[i], once: lines[i + 1], perCall: lines[i + 2], kernel: lines[i + 3] })
  const fmt = (n) => Math.round(n).toLocaleString("en-US")
  const ratios = (side, key) => rounds.map((r) => r.ours[key] / r[side][key])
  const spread = (xs) => `${median(xs).toFixed(0)}x (min-max ${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`
  console.log(`== median of ${rounds.length} rounds: decisions per second (wall clock / CPU time), ${rounds[0].ours.requests} requests`)
  for (const [side, label] of [["ours", "guardrail PolicyEvaluator.Evaluate (prepared once)    "], ["kernel", "iam-simulate authorize() (kernel, prepared once)      "], ["once", "iam-simulate runSimulation (policy validated once)    "], ["perCall", "iam-simulate runSimulation (re-validated per call)    "]])
    console.log(`${label}  ${fmt(median(rounds.map((r) => r[side].decisionsPerSecond)))} / ${fmt(median(rounds.map((r) => r[side].decisionsPerCpuSecond)))}`)
  console.log(`kernel to kernel (iam-simulate authorize() prepared once): guardrail is ${spread(ratios("kernel", "decisionsPerSecond"))} by wall clock, ${spread(ratios("kernel", "decisionsPerCpuSecond"))} by CPU time`)
  console.log(`our kernel vs their whole API (runSimulation, policy validated once): ${spread(ratios("once", "decisionsPerSecond"))} by wall clock, ${spread(ratios("once", "decisionsPerCpuSecond"))} by CPU time`)
  console.log(`(against runSimulation re-validating per call: ${spread(ratios("perCall", "decisionsPerSecond"))} wall clock, ${spread(ratios("perCall", "decisionsPerCpuSecond"))} CPU time)`)
' "$work/rounds.jsonl"
