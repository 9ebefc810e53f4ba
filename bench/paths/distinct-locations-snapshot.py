"""Writes an access-path snapshot that spends the linear work allowance: N table locations, each told apart from the
others by one of N NotResource denies on the role (default 5,000 × 5,000), so N location classes each meet N
statements that may apply (25 million statement visits). No realistic path comes near it; it is the input that
measures what the linear allowance bounds (docs/testing.md, "Work budget").

    python3 bench/paths/distinct-locations-snapshot.py 5000 > /tmp/distinct.json
    /usr/bin/time -f "%e s %M KB" dotnet src/Guardrail.Cli/bin/Release/net10.0/guardrail.dll check path --snapshot /tmp/distinct.json --format json > /dev/null

The verdict is `breaks` (each deny cuts the other locations) with `evaluation-budget`: the work ran out first.
With `Resource` instead of `NotResource` (`resource` as the second argument) each deny names one location only, so
each class tries one statement: the same snapshot is judged whole, without a cut.
"""
import json
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
element = "Resource" if len(sys.argv) > 2 and sys.argv[2] == "resource" else "NotResource"
role = "arn:aws:iam::111122223333:role/spectrum"
statements = [
    {"Sid": f"D{i}", "Effect": "Deny", "Action": "s3:GetObject", element: f"arn:aws:s3:::lake/t{i}/secret/*"}
    for i in range(count)
] + [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]
snapshot = {
    "spectrum": {"roleChain": [role], "region": "us-east-1", "cluster": {"kind": "provisioned", "iamRoles": [role]},
                 "tables": [{"bucket": "lake", "prefix": f"t{i}/"} for i in range(count)]},
    "roles": {role: {
        "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "redshift.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
        "inlinePolicies": {"big": {"Version": "2012-10-17", "Statement": statements}},
        "managedPolicies": {}, "permissionsBoundary": None}},
    "buckets": {"lake": {"account": "111122223333", "policy": None, "encryption": {"algorithm": "AES256"}, "ownership": "BucketOwnerEnforced"}},
}
json.dump(snapshot, sys.stdout)
