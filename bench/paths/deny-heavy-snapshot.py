"""Writes an access-path snapshot whose role has one inline policy of N conditional denies (default 20,000), or with
`policies`, N inline policies of one conditional deny each (the 7 MB snapshot of issue 14).

    python3 bench/paths/deny-heavy-snapshot.py 20000 > /tmp/denies.json
    python3 bench/paths/deny-heavy-snapshot.py 20000 policies > /tmp/deny-policies.json
    /usr/bin/time -f "%e s %M KB" dotnet src/Guardrail.Cli/bin/Release/net10.0/guardrail.dll check path --snapshot /tmp/denies.json --format json > /dev/null

Each deny may apply (its condition is on a tag the guardrail cannot know), so every one is a finding: the cost of
judging, classifying and reporting many denies, which no policy IAM accepts would reach but a snapshot may. The
identity hop reports 100 of its findings and counts the other 19,901 (`findingsOmitted`): about 150 KB of JSON.
In process: DenyHeavyPathBenchmarks (bench/Guardrail.Benchmarks).
"""
import json
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
split = len(sys.argv) > 2 and sys.argv[2] == "policies"
role = "arn:aws:iam::111122223333:role/spectrum"
statements = [
    {"Sid": f"D{i}", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::lake/sales/*",
     "Condition": {"StringEquals": {"aws:PrincipalTag/team": f"t{i}"}}}
    for i in range(count)
] + [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]
snapshot = {
    "spectrum": {"roleChain": [role], "region": "us-east-1", "cluster": {"kind": "provisioned", "iamRoles": [role]},
                 "tables": [{"bucket": "lake", "prefix": "sales/"}]},
    "roles": {role: {
        "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "redshift.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
        "inlinePolicies": ({f"deny-{i}": {"Version": "2012-10-17", "Statement": [s]} for i, s in enumerate(statements)}
                           if split else {"big": {"Version": "2012-10-17", "Statement": statements}}),
        "managedPolicies": {}, "permissionsBoundary": None}},
    "buckets": {"lake": {"account": "111122223333", "policy": None, "encryption": {"algorithm": "AES256"}, "ownership": "BucketOwnerEnforced"}},
}
json.dump(snapshot, sys.stdout)
