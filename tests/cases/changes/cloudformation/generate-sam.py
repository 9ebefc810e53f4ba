#!/usr/bin/env python3
"""Makes sam-after-transform/template.json from sam-before-transform/template.yaml, offline.

Runs the SAM transform with the samtranslator package (bundled with cfn-lint; tested with 1.110.0) without AWS:
the managed-policy loader answers from an empty map (the template's SAM policy templates need none) and the
Region is set to us-east-1 for the pseudo parameters SAM fills in. Usage, from this folder:

    python3 generate-sam.py
"""
import json
import os

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


class OfflinePolicies:
    """No IAM call: SAM asks for the account's managed policies only to resolve policy names given without ARNs."""

    def load(self):
        return {}


here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "sam-before-transform", "template.yaml"), encoding="utf-8") as f:
    template = yaml_parse(f.read())

translated = transform(template, {}, OfflinePolicies())
os.makedirs(os.path.join(here, "sam-after-transform"), exist_ok=True)
with open(os.path.join(here, "sam-after-transform", "template.json"), "w", encoding="utf-8") as f:
    json.dump(translated, f, indent=2, sort_keys=False)
    f.write("\n")
