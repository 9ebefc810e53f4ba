"""Test tooling: SAM-translates a template (samtranslator, which cfn-lint ships) and resolves its intrinsic functions
for given parameter values, printing the plain CloudFormation resources as JSON. The tests then check the event
patterns, handlers and IAM policies that would really be deployed.

usage: python3 template_tool.py TEMPLATE '{"Param": "value", ...}'   ("AWS::Partition"/"AWS::Region"/"AWS::AccountId" override the pseudo parameters)
       python3 template_tool.py TEMPLATE --parameters     (the Parameters section as written)
       python3 template_tool.py TEMPLATE '{...}' --rules  (the Rules assertions that fail: name -> AssertDescription)
"""
import json
import os
import re
import sys

from cfnlint.decode import decode_str
from samtranslator.translator.transform import transform

ACCOUNT, REGION, PARTITION, STACK = "123456789012", "us-east-1", "aws", "spectrum-guardrail"
NOVALUE = object()


class NoManagedPolicies:
    def load(self):
        return {}


def physical(logical, resource, attribute=None, resolve=lambda node: node):
    kind = resource["Type"]
    if kind == "AWS::KMS::Key":
        return f"arn:{PARTITION}:kms:{REGION}:{ACCOUNT}:key/{logical}" if attribute == "Arn" else logical
    if kind == "AWS::SSM::Parameter":
        return resolve(resource["Properties"]["Name"])
    if kind == "AWS::SNS::Topic":
        return f"arn:{PARTITION}:sns:{REGION}:{ACCOUNT}:{logical}"
    if kind == "AWS::SQS::Queue":
        if attribute == "Arn":
            return f"arn:{PARTITION}:sqs:{REGION}:{ACCOUNT}:{logical}"
        if attribute == "QueueName":
            return logical
        return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{logical}"
    if kind == "AWS::DynamoDB::Table":
        return f"arn:{PARTITION}:dynamodb:{REGION}:{ACCOUNT}:table/{logical}" if attribute == "Arn" else logical
    if kind == "AWS::IAM::Role":
        return f"arn:{PARTITION}:iam::{ACCOUNT}:role/{logical}" if attribute == "Arn" else logical
    if kind == "AWS::Lambda::Function":
        name = resolve(resource["Properties"].get("FunctionName", logical))
        return f"arn:{PARTITION}:lambda:{REGION}:{ACCOUNT}:function:{name}" if attribute == "Arn" else name
    if kind == "AWS::Logs::LogGroup":
        return f"arn:{PARTITION}:logs:{REGION}:{ACCOUNT}:log-group:{logical}:*" if attribute == "Arn" else logical
    if kind == "AWS::Events::EventBus":
        name = resolve(resource["Properties"]["Name"])
        return f"arn:{PARTITION}:events:{REGION}:{ACCOUNT}:event-bus/{name}" if attribute == "Arn" else name
    if kind == "AWS::Events::Rule":
        return f"arn:{PARTITION}:events:{REGION}:{ACCOUNT}:rule/{logical}"
    return f"arn:{PARTITION}:unknown:{REGION}:{ACCOUNT}:{logical}"


def main():
    global PARTITION, REGION, ACCOUNT
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)
    text = open(sys.argv[1]).read()
    template, problems = decode_str(text)
    if problems:
        sys.exit(f"cannot read {sys.argv[1]}: {problems}")
    template = json.loads(json.dumps(template))
    if sys.argv[2] == "--parameters":
        print(json.dumps(template.get("Parameters", {})))
        return
    params = json.loads(sys.argv[2])
    PARTITION = params.pop("AWS::Partition", PARTITION)
    REGION = params.pop("AWS::Region", REGION)
    ACCOUNT = params.pop("AWS::AccountId", ACCOUNT)
    code_uris = {}
    build_methods = {}
    if "Transform" in template:
        # As `sam package` does: local code becomes an S3 location (the original path, resolved, is reported as
        # _CodeUri, and the Metadata's BuildMethod sam build used as _BuildMethod).
        global_uri = template.get("Globals", {}).get("Function", {}).pop("CodeUri", None)
        for logical, resource in template["Resources"].items():
            if resource["Type"] == "AWS::Serverless::Function":
                code_uris[logical] = resource["Properties"].get("CodeUri", global_uri)
                build_methods[logical] = resource.get("Metadata", {}).get("BuildMethod")
                resource["Properties"]["CodeUri"] = "s3://packaged-code/guardrail.zip"
        template = transform(template, params, NoManagedPolicies())
    values = {name: str(spec.get("Default", "")) for name, spec in template.get("Parameters", {}).items()}
    values.update(params)
    resources = template["Resources"]
    conditions = {}

    def ref(name, attribute=None):
        pseudo = {"AWS::Region": REGION, "AWS::AccountId": ACCOUNT, "AWS::Partition": PARTITION, "AWS::StackName": STACK, "AWS::NoValue": NOVALUE, "AWS::URLSuffix": "amazonaws.com"}
        if name in pseudo:
            return pseudo[name]
        if name in values and attribute is None:
            listed = template["Parameters"][name]["Type"] == "CommaDelimitedList"
            return values[name].split(",") if listed else values[name]
        return physical(name, resources[name], attribute, resolve)

    def condition(name):
        if name not in conditions:
            conditions[name] = resolve(template["Conditions"][name])
        return conditions[name]

    def sub(string, variables):
        def replace(match):
            token = match.group(1)
            if token in variables:
                return str(variables[token])
            if "." in token and not token.startswith("AWS::"):
                logical, attribute = token.split(".", 1)
                return ref(logical, attribute)
            return str(ref(token))
        return re.sub(r"\$\{([^}!]+)\}", replace, string)

    def resolve(node):
        if isinstance(node, list):
            return [x for x in (resolve(v) for v in node) if x is not NOVALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            (key, value), = node.items()
            if key == "Ref":
                return ref(value)
            if key == "Fn::GetAtt":
                logical, attribute = value if isinstance(value, list) else value.split(".", 1)
                return ref(logical, attribute)
            if key == "Fn::Sub":
                if isinstance(value, list):
                    return sub(value[0], {k: resolve(v) for k, v in value[1].items()})
                return sub(value, {})
            if key == "Fn::Join":
                return resolve(value[0]).join(str(x) for x in resolve(value[1]))
            if key == "Fn::Split":
                return resolve(value[1]).split(resolve(value[0]))
            if key == "Fn::Select":
                return resolve(value[1])[int(resolve(value[0]))]
            if key == "Fn::If":
                return resolve(value[1]) if condition(value[0]) else resolve(value[2])
            if key == "Fn::Equals":
                return resolve(value[0]) == resolve(value[1])
            if key == "Fn::Not":
                return not resolve(value[0])
            if key == "Fn::Or":
                return any(resolve(v) for v in value)
            if key == "Fn::And":
                return all(resolve(v) for v in value)
            if key == "Condition":
                return condition(value)
        return {k: v for k, v in ((k, resolve(v)) for k, v in node.items()) if v is not NOVALUE}

    if sys.argv[3:] == ["--rules"]:
        # As CloudFormation does before creating anything: a rule applies when its RuleCondition holds.
        failed = {}
        for name, rule in template.get("Rules", {}).items():
            if "RuleCondition" in rule and not resolve(rule["RuleCondition"]):
                continue
            for assertion in rule["Assertions"]:
                if not resolve(assertion["Assert"]):
                    failed[name] = assertion.get("AssertDescription", "")
        print(json.dumps(failed))
        return

    out = {}
    for logical, resource in resources.items():
        if "Condition" in resource and not condition(resource["Condition"]):
            continue
        out[logical] = {"Type": resource["Type"], "Properties": resolve(resource.get("Properties", {}))}
        if "DependsOn" in resource:
            depends = resource["DependsOn"]
            out[logical]["DependsOn"] = [depends] if isinstance(depends, str) else depends
        if logical in code_uris:
            out[logical]["_CodeUri"] = resolve(code_uris[logical])
            out[logical]["_BuildMethod"] = resolve(build_methods[logical])
    print(json.dumps(out))


main()
