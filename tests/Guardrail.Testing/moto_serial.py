"""moto_server, serving one request at a time.

moto's own launcher runs Werkzeug threaded, and moto applies DynamoDB conditional writes without a lock, so two
concurrent conditional puts on one key can both succeed: real DynamoDB never lets them. The guardrail's claims and
rollback leases rest on that atomicity, so the tests run moto serially: invocations still interleave request by
request, as they do against AWS, and each conditional write is atomic, as it is in AWS.
"""
import sys

from werkzeug.serving import run_simple

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(host, port, app, threaded=False)
