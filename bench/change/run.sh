#!/usr/bin/env bash
# check change on a 200-resource template against check path on the same snapshot: whole processes (the way CI runs
# them), the ReadyToRun CLI that `dotnet publish -r linux-x64` gives (bench/startup/publish.sh r2r), alternated, the
# median of ROUNDS each. The issue's goal: check change <= 2x check path.
# Usage: bash bench/change/run.sh [ROUNDS]   (default 21)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-21}
cli=artifacts/startup/r2r/guardrail
[ -x "$cli" ] || bash bench/startup/publish.sh r2r
snapshot=examples/paths/same-account-provisioned.json
template=bench/change/template-200.yaml
# Both must succeed (exit 0: the template keeps the path ok) before they are timed.
"$cli" check path --snapshot "$snapshot" --format json > /dev/null
"$cli" check change --snapshot "$snapshot" --template "$template" --account 111122223333 --region us-east-1 --format json > /dev/null
python3 - "$cli" "$snapshot" "$template" "$rounds" <<'PY'
import statistics, subprocess, sys, time
cli, snapshot, template, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
commands = {
    "check path": [cli, "check", "path", "--snapshot", snapshot, "--format", "json"],
    "check change": [cli, "check", "change", "--snapshot", snapshot, "--template", template, "--account", "111122223333", "--region", "us-east-1", "--format", "json"],
}
times = {name: [] for name in commands}
for _ in range(rounds):
    for name, command in commands.items():
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - start)
for name, values in times.items():
    q = statistics.quantiles(values, n=4)
    print(f"{name:13} median {statistics.median(values) * 1000:6.0f} ms  (IQR {q[0] * 1000:.0f}-{q[2] * 1000:.0f} ms, {rounds} runs)")
ratio = [c / p for c, p in zip(times["check change"], times["check path"])]
print(f"ratio change/path: median {statistics.median(ratio):.2f}x (paired rounds)")
PY
