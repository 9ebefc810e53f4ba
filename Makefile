# sam build with FunctionRuntime=managed: the functions' BuildMethod is makefile and their CodeUri the repository
# root, so that SAM's build container (sam build --use-container), which sees only CodeUri, holds every project the
# functions reference, Directory.Build.props, Directory.Packages.props and global.json. SAM runs
# `make build-<LogicalId>` there with ARTIFACTS_DIR set; every function ships the same Guardrail.Functions publish,
# precompiled (ReadyToRun) for the build machine's architecture: in SAM's container, the function's Architecture
# (GUARDRAIL_RID overrides it, e.g. linux-arm64).
FUNCTIONS_PROJECT := src/Guardrail.Functions/Guardrail.Functions.csproj
GUARDRAIL_RID ?= linux-$(if $(filter aarch64 arm64,$(shell uname -m)),arm64,x64)

FUNCTIONS := BucketPolicyFunction TrustPolicyFunction AccessPathFunction DriftScanFunction PathScanWorkerFunction HookFunction

.PHONY: $(addprefix build-,$(FUNCTIONS))
$(addprefix build-,$(FUNCTIONS)):
	dotnet publish $(FUNCTIONS_PROJECT) -c Release -r $(GUARDRAIL_RID) --self-contained false -o "$(ARTIFACTS_DIR)" -nologo
