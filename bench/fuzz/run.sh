#!/usr/bin/env bash
# Fuzzes Guardrail with afl++ and SharpFuzz: builds the harness, instruments the core and the CLI, runs afl-fuzz for
# DURATION_SECONDS, prints the figures, keeps one minimised input per crash class in findings/ and the queue entries
# that found new coverage in corpus/. See bench/fuzz/README.md.
#   usage: bench/fuzz/run.sh DURATION_SECONDS policy|cli|all
set -euo pipefail

duration=${1:?usage: run.sh DURATION_SECONDS policy|cli|all}
target=${2:?usage: run.sh DURATION_SECONDS policy|cli|all}
case "$target" in policy|cli) targets=("$target") ;; all) targets=(policy cli) ;; *) echo "unknown target $target (policy, cli or all)" >&2; exit 2 ;; esac
[[ "$duration" =~ ^[0-9]+$ ]] || { echo "DURATION_SECONDS must be a number" >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$here/build"
timeout_ms=${FUZZ_TIMEOUT_MS:-5000}     # slower inputs are saved as hangs
keep_queue=${FUZZ_KEEP_QUEUE:-200}      # queue entries kept in corpus/ per target
cd "$root"

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get update && apt-get install -y afl++" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== build and instrument"
dotnet tool restore >/dev/null
rm -rf "$build"
# ReadyToRun/AOT images cannot be instrumented: publish plain IL.
dotnet publish bench/fuzz/Guardrail.Fuzz -c Release -o "$build" --nologo -v quiet \
  -p:PublishReadyToRun=false -p:PublishAot=false -p:PublishTrimmed=false >/dev/null
for dll in Guardrail.Core.dll guardrail.dll; do      # guardrail.dll is the CLI (Guardrail.Cli's assembly name)
  dotnet sharpfuzz "$build/$dll" >/dev/null
  echo "instrumented $dll"
done
harness=("$(readlink -f "$(command -v dotnet)")" "$build/Guardrail.Fuzz.dll")   # afl-cmin wants a path
"${harness[@]}" --seed-corpus "$root" "$here/corpus"

# The harness is a managed program started by dotnet (no native instrumentation to check); the machine's core
# pattern and CPU governor are not ours to change; the first exec starts the runtime and JITs the core.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export AFL_FORKSRV_INIT_TMOUT=${AFL_FORKSRV_INIT_TMOUT:-60000}
[ -t 1 ] || export AFL_NO_UI=1
# Tree-level JSON edits beside afl's byte-level ones (FUZZ_JSON_MUTATOR=0 turns them off).
if [ "${FUZZ_JSON_MUTATOR:-1}" = 1 ]; then export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" AFL_PYTHON_MODULE=json_mutator; fi

stat() { grep -E "^$1 " "$2" | sed 's/.*: *//'; }

for t in "${targets[@]}"; do
  out="$here/out/$t"
  rm -rf "$out"; mkdir -p "$here/out"
  echo "== afl-fuzz $t for ${duration}s (timeout ${timeout_ms} ms)"
  afl-fuzz -i "$here/corpus" -o "$out" -x "$here/iam.dict" -t "$timeout_ms" -m none -V "$duration" \
    -- "${harness[@]}" "$t" > "$out.log" 2>&1 || { echo "afl-fuzz failed; last lines of $out.log:" >&2; tail -20 "$out.log" >&2; exit 1; }

  stats="$out/default/fuzzer_stats"
  echo "-- $t: run_time $(stat run_time "$stats") s, executions $(stat execs_done "$stats") ($(stat execs_per_sec "$stats")/s)," \
       "paths $(stat corpus_count "$stats"), crashes $(stat saved_crashes "$stats"), hangs $(stat saved_hangs "$stats")," \
       "edges $(stat edges_found "$stats"), stability $(stat stability "$stats")"

  # One minimised input per crash class.
  mkdir -p "$here/findings"
  rm -f "$here/findings/$t"-*
  mapfile -t crashes < <(find "$out/default/crashes" -name 'id:*' -type f | sort)
  if ((${#crashes[@]})); then
    "${harness[@]}" --triage "$t" "${crashes[@]}" | sort -t$'\t' -k2,2 -u > "$out/classes.tsv"
    n=0
    while IFS=$'\t' read -r file class; do
      n=$((n + 1))
      kept="$here/findings/$t-$(printf %02d "$n").json"
      afl-tmin -i "$file" -o "$kept" -t "$timeout_ms" -m none -- "${harness[@]}" "$t" >/dev/null 2>&1 || cp "$file" "$kept"
      printf '%s\t%s\n' "$(basename "$kept")" "$class" >> "$here/findings/$t-classes.tsv"
      echo "crash class $n: $class -> findings/$(basename "$kept")"
    done < "$out/classes.tsv"
  fi
  mapfile -t hangs < <(find "$out/default/hangs" -name 'id:*' -type f | sort | head -5)
  for file in "${hangs[@]}"; do
    cp "$file" "$here/findings/$t-hang-$(basename "$file" | cut -c4-9).json"
  done
  ((${#hangs[@]} == 0)) || echo "hangs (first ${#hangs[@]}, not minimised): findings/$t-hang-*.json"

  # Keep a corpus-minimised queue (afl-cmin: the fewest entries with all the coverage; the +cov entries if that fails),
  # smallest first, so the next run starts where this one ended. The seeds are kept apart as seed-*.
  rm -rf "$out-cmin"
  keep_from="$out-cmin"
  afl-cmin -i "$out/default/queue" -o "$out-cmin" -t "$timeout_ms" -m none -- "${harness[@]}" "$t" > "$out-cmin.log" 2>&1 || keep_from="$out/default/queue"
  rm -f "$here/corpus/queue-$t-"*
  find "$keep_from" -maxdepth 1 -name 'id:*' ! -name '*orig:seed-*' -type f -size -8k -printf '%s %p\n' | sort -n | head -n "$keep_queue" |
    while read -r _ file; do cp "$file" "$here/corpus/queue-$t-$(basename "$file" | cut -c4-9).json"; done
  echo "kept $(find "$here/corpus" -name "queue-$t-*" | wc -l) queue entries in corpus/"
done
