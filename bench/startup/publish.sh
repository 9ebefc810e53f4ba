#!/usr/bin/env bash
# Publishes the builds that bench/startup compares, each into artifacts/startup/KIND/ (git ignores artifacts/):
#   hello  a hello-world console program (framework-dependent, JIT): the floor for any .NET process
#   jit    the guardrail CLI, framework-dependent, no precompiled code
#   r2r    the guardrail CLI as `dotnet publish -r linux-x64` gives it (ReadyToRun, see Guardrail.Cli.csproj)
#   aot    the guardrail CLI compiled by Native AOT (needs clang and zlib1g-dev); warnings are errors here, so this
#          also proves the CLI has no trim/AOT warnings
# Usage: bash bench/startup/publish.sh KIND...
set -euo pipefail
cd "$(dirname "$0")/../.."
rid=linux-x64
for kind in "$@"; do
  out="artifacts/startup/$kind"
  rm -rf "$out"
  case $kind in
    hello) args=(bench/startup/Hello -r "$rid" --self-contained false) ;;
    jit)   args=(src/Guardrail.Cli -r "$rid" --self-contained false -p:PublishReadyToRun=false) ;;
    r2r)   args=(src/Guardrail.Cli -r "$rid" --self-contained false) ;;
    aot)   args=(src/Guardrail.Cli -r "$rid" -p:PublishAot=true) ;;
    *) echo "unknown build '$kind' (hello, jit, r2r, aot)" >&2; exit 2 ;;
  esac
  echo "== publish $kind -> $out" >&2
  dotnet publish "${args[@]}" -c Release -o "$out" -nologo -v quiet >&2
done
