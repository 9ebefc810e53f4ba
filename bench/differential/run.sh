#!/usr/bin/env bash
# Differential check and side-by-side speed run against @cloud-copilot/iam-simulate.
#   bash bench/differential/run.sh [SECONDS]
# Needs Node.js and npm (installs iam-simulate into bench/differential/node_modules, which git ignores).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd bench/differential && npm install --no-audit --no-fund --silent)
dotnet build bench/Guardrail.Differential -c Release -v quiet -nologo >/dev/null
tool="dotnet bench/Guardrail.Differential/bin/Release/net10.0/Guardrail.Differential.dll"

$tool export "$work/requests.json"
echo "== agreement (disagreements explained in bench/differential/DISAGREEMENTS.md)"
node bench/differential/compare.mjs "$work/requests.json" --report "$work/disagreements.json"
echo "== decisions per second, same concrete requests, ${seconds}s each, one run"
ours=$($tool time "$work/requests.json" "$seconds")
theirs=$(node bench/differential/compare.mjs "$work/requests.json" --time "$seconds")
echo "$ours"
echo "$theirs"
node -e 'const a=JSON.parse(process.argv[1]), b=JSON.parse(process.argv[2]); console.log(`guardrail is ${(a.decisionsPerSecond/b.decisionsPerSecond).toFixed(0)}x iam-simulate`)' "$ours" "$theirs"
