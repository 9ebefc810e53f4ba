#!/usr/bin/env bash
# Checks that the Native AOT build of the CLI answers exactly as the JIT build does: same stdout, stderr and exit
# code for the README's quick-start check, `invoke --dry-run` on every event of events/, every example policy
# (text and JSON), `check path` on two example snapshots (text and JSON), `config validate` and `config show` on every example
# configuration document and two invalid ones, and an invalid input.
# Usage: bash bench/startup/same-output.sh [REFERENCE_COMMAND...]
#   The AOT binary is artifacts/startup/aot/guardrail (published first if missing). The reference defaults to
#   artifacts/startup/jit/guardrail (published if missing); CI passes the Debug build its tests already made.
set -euo pipefail
cd "$(dirname "$0")/../.."
aot=artifacts/startup/aot/guardrail
[ -x "$aot" ] || bash bench/startup/publish.sh aot
if [ $# -gt 0 ]; then reference=("$@"); else
  [ -x artifacts/startup/jit/guardrail ] || bash bench/startup/publish.sh jit
  reference=(artifacts/startup/jit/guardrail)
fi

role=arn:aws:iam::123456789012:role/redshift
cases=(
  "check bucket-policy --policy examples/bucket-policies/vpce-lockout.json --bucket amzn-s3-demo-bucket --spectrum-role $role"
  "invoke --function bucket-policy --event events/bucket-put-vpce-lockout.json --dry-run"
  "check bucket-policy --policy examples/bucket-policies/vpce-lockout.json --bucket amzn-s3-demo-bucket --spectrum-role $role --prefix sales/ --format json"
  "check bucket-policy --policy examples/bucket-policies/missing.json --bucket amzn-s3-demo-bucket --spectrum-role $role"
  "check path --snapshot examples/paths/cross-account-bucket-kms.json"
  "check path --snapshot examples/paths/broken-detached-s3-policy.json --format json"
  "config validate --config tests/cases/config/yaml-merge-key.yaml"
  "config show --config tests/cases/config/bucket-escaped.json"
)
for config in examples/config/*; do
  cases+=("config validate --config $config" "config show --config $config")
done
for policy in examples/bucket-policies/*.json; do
  cases+=("check bucket-policy --policy $policy --bucket amzn-s3-demo-bucket --spectrum-role $role --format json")
done
for policy in examples/trust-policies/*.json; do
  cases+=("check trust-policy --policy $policy --role $role")
done
for event in events/*.json; do
  case $(basename "$event") in trust-*|unrelated-iam-*) fn=trust-policy ;; drift-*) fn=drift-scan ;; *) fn=bucket-policy ;; esac
  cases+=("invoke --function $fn --event $event --dry-run")
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for args in "${cases[@]}"; do
  # shellcheck disable=SC2086 # each case is a plain word list
  set +e
  "$aot" $args >"$work/aot.out" 2>"$work/aot.err"; aot_rc=$?
  "${reference[@]}" $args >"$work/ref.out" 2>"$work/ref.err"; ref_rc=$?
  set -e
  if [ "$aot_rc" != "$ref_rc" ] || ! cmp -s "$work/aot.out" "$work/ref.out" || ! cmp -s "$work/aot.err" "$work/ref.err"; then
    echo "DIFFERENT: guardrail $args (exit $aot_rc under AOT, $ref_rc under JIT)"
    diff "$work/ref.out" "$work/aot.out" | head -20 || true
    diff "$work/ref.err" "$work/aot.err" | head -20 || true
    failed=$((failed + 1))
  elif [ "$aot_rc" = 4 ]; then
    echo "INTERNAL ERROR under both builds: guardrail $args"; cat "$work/aot.err"
    failed=$((failed + 1))
  fi
done
echo "aot: ${#cases[@]} commands compared with the JIT build, $failed different"
[ "$failed" = 0 ]
