"""Independent SigV4 reference for the tests: botocore (the AWS SDK for Python) signs the same request.

Reads JSON on stdin: method, url, headers (the signed ones), body, timestamp, access_key, secret_key, region, service.
Prints the signature botocore computes.
"""
import json
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

spec = json.load(sys.stdin)
request = AWSRequest(method=spec["method"], url=spec["url"], data=spec["body"].encode("utf-8"), headers=spec["headers"])
request.context["timestamp"] = spec["timestamp"]
auth = SigV4Auth(Credentials(spec["access_key"], spec["secret_key"]), spec["service"], spec["region"])
canonical = auth.canonical_request(request)
print(auth.signature(auth.string_to_sign(request, canonical), request))
