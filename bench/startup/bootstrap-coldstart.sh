#!/usr/bin/env bash
# Cold start of the Lambda functions' bootstrap: process start to first response, Native AOT against the managed
# runtime's way (the same Runtime API loop on `dotnet`, ReadyToRun), timed as paired, alternating runs against a
# local Runtime API stand-in and moto (bootstrap_coldstart.py says how).
#   bash bench/startup/bootstrap-coldstart.sh [ROUNDS]   (default 21; SKIP_PUBLISH=1 reuses artifacts/bootstrap/;
#                                                          WITH_JIT=1 adds the same loop on `dotnet` without ReadyToRun)
# Three cases, each a full judgement on a repository event: bucket-policy on bucket-put-vpce-lockout (claim, live
# read, judgement, alert); access-path on access-iam-detach-role-policy (the whole path collected from moto, judged);
# the same with 1,000 catalog tables on the path (GUARDRAIL_CATALOG_TABLES; about 8,000 request decisions), in
# ROUNDS/2 rounds as each run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-21}
rid=linux-x64
if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  dotnet publish src/Guardrail.Bootstrap -r "$rid" -c Release -o artifacts/bootstrap/aot -nologo -v quiet
  dotnet publish src/Guardrail.Bootstrap -r "$rid" -c Release -o artifacts/bootstrap/r2r -nologo -v quiet --self-contained false -p:PublishAot=false -p:PublishReadyToRun=true
  [ "${WITH_JIT:-0}" != 1 ] || dotnet publish src/Guardrail.Bootstrap -r "$rid" -c Release -o artifacts/bootstrap/jit -nologo -v quiet --self-contained false -p:PublishAot=false -p:PublishReadyToRun=false
fi
if [ -d "$HOME/.pyenv/shims" ]; then export PATH="$HOME/.pyenv/shims:$PATH"; fi
builds=(aot=artifacts/bootstrap/aot/bootstrap "r2r=dotnet artifacts/bootstrap/r2r/bootstrap.dll")
[ "${WITH_JIT:-0}" != 1 ] || builds+=("jit=dotnet artifacts/bootstrap/jit/bootstrap.dll")
python3 bench/startup/bootstrap_coldstart.py "$rounds" events/bucket-put-vpce-lockout.json bucket-policy "${builds[@]}"
echo
python3 bench/startup/bootstrap_coldstart.py "$rounds" events/access-iam-detach-role-policy.json access-path "${builds[@]}"
echo
TABLES=1000 python3 bench/startup/bootstrap_coldstart.py $(((rounds + 1) / 2)) events/access-iam-detach-role-policy.json access-path "${builds[@]}"
