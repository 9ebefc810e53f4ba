#!/bin/sh
# Checks what the tests need beyond the .NET SDK, before they run (tests/Directory.Build.targets calls it before
# VSTest): one line per missing tool, in MSBuild's error format, with how to install it; exit 1 if any is missing.
# Arguments: what the test project needs, among moto, botocore and cfn-lint. Modules are found, not imported: fast.
missing=0
say() { echo "prerequisites : error GUARDRAIL0001 : $1"; missing=1; }

modules=""
for need in "$@"; do
  case "$need" in
    moto) modules="$modules moto:moto,flask,flask_cors,werkzeug" ;;
    botocore) modules="$modules botocore:botocore" ;;
    cfn-lint) modules="$modules cfn-lint:cfnlint,samtranslator"
      command -v cfn-lint >/dev/null 2>&1 \
        || say "cfn-lint not found on PATH; the deployment tests lint and SAM-translate the templates with it: pip install cfn-lint" ;;
  esac
done
[ -n "$modules" ] || exit "$missing"

if ! command -v python3 >/dev/null 2>&1; then
  say "python3 not found on PATH; the integration tests run moto and botocore in it: install Python 3, then pip install 'moto[server]' botocore cfn-lint (with pyenv: export PATH=\"\$HOME/.pyenv/shims:\$PATH\")"
  exit 1
fi

# Prints the needs (moto, botocore, cfn-lint) whose modules python3 lacks, one a line.
lacking=$(python3 -c '
import importlib.util, sys
for arg in sys.argv[1:]:
    need, names = arg.split(":")
    if not all(importlib.util.find_spec(n) for n in names.split(",")):
        print(need)
' $modules 2>/dev/null) || lacking="moto botocore cfn-lint"
python=$(command -v python3)
for need in $lacking; do
  case "$need" in
    moto) say "python3 ($python) has no moto[server]; the integration tests start moto (tests/Guardrail.Testing/moto_serial.py): pip install 'moto[server]'" ;;
    botocore) say "python3 ($python) has no botocore; the SigV4 test signs with it: pip install botocore" ;;
    cfn-lint) say "python3 ($python) has no cfnlint/samtranslator modules; the deployment tests SAM-translate the templates with them: pip install cfn-lint" ;;
  esac
done

exit "$missing"
