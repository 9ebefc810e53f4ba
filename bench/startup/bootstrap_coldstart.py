"""Cold start of the functions' bootstrap, process start to first response, timed as paired, alternating runs.

usage: python3 bootstrap_coldstart.py ROUNDS EVENT HANDLER NAME=COMMAND...
  Starts moto (tests/Guardrail.Testing/moto_serial.py) and builds the sandbox the function tests use: the protected
  bucket with the event's policy, the Spectrum role, the state table, the MAC key, the alert topic. Then, ROUNDS
  times, each build's process is started (the builds in an order that rotates from round to round) with the
  functions' configuration and AWS_LAMBDA_RUNTIME_API pointing at a Runtime API stand-in in this process; the clock
  runs from just before the process is started until its POST of the first response (or error) arrives. Each run
  gets the event with a fresh CloudTrail eventID, so every run claims, reads, judges and alerts in full (no run is a
  duplicate). Prints, per build: median, min, max and quartiles, and the median of the per-round ratios to the first
  build (the paired figure). TABLES=N in the environment configures N catalog tables (GUARDRAIL_CATALOG_TABLES).
"""
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUCKET, ROLE, TABLE, ACCOUNT = "amzn-s3-demo-bucket", "arn:aws:iam::123456789012:role/redshift", "spectrum-guardrail-state", "123456789012"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StandIn(BaseHTTPRequestHandler):
    """GET next hands out the server's one event (or waits); POST response/error records the arrival time. Each run
    has its own server, so a next-invocation call left open by an earlier, killed process never takes its event."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        run = self.server.run
        with run["lock"]:
            while not run["queue"]:
                run["lock"].wait()
            request_id, body = run["queue"].pop(0)
        self.send_response(200)
        self.send_header("Lambda-Runtime-Aws-Request-Id", request_id)
        self.send_header("Lambda-Runtime-Deadline-Ms", str(int((time.time() + 60) * 1000)))
        self.send_header("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:bench")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        at = time.perf_counter()
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.server.run["answer"] = {"at": at, "kind": self.path.rsplit("/", 1)[-1], "body": body}
        self.server.run["answered"].set()


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a killed process's connection


def sandbox(endpoint, event):
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
    s3, iam, sns, ddb, kms = (boto3.client(n, **kw) for n in ("s3", "iam", "sns", "dynamodb", "kms"))
    s3.create_bucket(Bucket=BUCKET)
    policy = event["detail"].get("requestParameters", {}).get("bucketPolicy")
    if policy:
        s3.put_bucket_policy(Bucket=BUCKET, Policy=policy if isinstance(policy, str) else json.dumps(policy))
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "redshift.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName="redshift", AssumeRolePolicyDocument=json.dumps(trust))
    # What the seed gives a Spectrum role: reads of the lake's objects and catalog (so a path is judged hop by hop).
    reads = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"], "Resource": [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/*"]},
        {"Effect": "Allow", "Action": ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"], "Resource": "*"}]}
    iam.put_role_policy(RoleName="redshift", PolicyName="spectrum-reads", PolicyDocument=json.dumps(reads))
    topic = sns.create_topic(Name="spectrum-guardrail-alerts")["TopicArn"]
    ddb.create_table(TableName=TABLE, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
    key = kms.create_key(KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC")["KeyMetadata"]["Arn"]
    return {
        "AWS_ENDPOINT_URL": endpoint, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "GUARDRAIL_TOPIC_ARN": topic, "GUARDRAIL_STATE_TABLE": TABLE, "GUARDRAIL_SPECTRUM_ROLES": ROLE,
        "GUARDRAIL_PROTECTED_BUCKETS": BUCKET, "GUARDRAIL_ACCOUNT_ID": ACCOUNT, "GUARDRAIL_STATE_KEY_ID": key,
        "GUARDRAIL_TIMEOUT_SECONDS": "60",
    }


def quantile(values, q):
    v = sorted(values)
    i = (len(v) - 1) * q
    lo, hi = int(i), min(int(i) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (i - lo)


def main():
    rounds, event_file, handler = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    builds = [arg.split("=", 1) for arg in sys.argv[4:]]
    event = json.load(open(event_file))
    moto_port = free_port()
    moto = subprocess.Popen([sys.executable, os.path.join(ROOT, "tests/Guardrail.Testing/moto_serial.py"), "127.0.0.1", str(moto_port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        endpoint = f"http://127.0.0.1:{moto_port}/"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", moto_port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        env = dict(os.environ, **sandbox(endpoint, event), _HANDLER=handler)
        tables = int(os.environ.get("TABLES", "0"))
        if tables:
            # The access path to that many catalog tables (GUARDRAIL_CATALOG_TABLES, account/database/table).
            env["GUARDRAIL_CATALOG_TABLES"] = ",".join(f"{ACCOUNT}/sales/t{i:04d}" for i in range(tables))
        samples = {name: [] for name, _ in builds}
        outcomes = {}

        def run(name, command):
            event["detail"]["eventID"] = str(uuid.uuid4())
            server = Server(("127.0.0.1", 0), StandIn)
            server.run = {"queue": [(str(uuid.uuid4()), json.dumps(event).encode())], "lock": threading.Condition(), "answered": threading.Event(), "answer": {}}
            threading.Thread(target=server.serve_forever, daemon=True).start()
            env["AWS_LAMBDA_RUNTIME_API"] = f"127.0.0.1:{server.server_address[1]}"
            start = time.perf_counter()
            process = subprocess.Popen(command.split(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if not server.run["answered"].wait(120):
                process.kill()
                sys.exit(f"{name}: no answer within 120 s")
            answer = server.run["answer"]
            elapsed = (answer["at"] - start) * 1000
            process.kill()
            process.wait()
            server.shutdown()
            server.server_close()
            if os.environ.get("DUMP"):
                with open(os.environ["DUMP"], "wb") as dump:  # the last answer, to see what was judged
                    dump.write(answer["body"])
            result = json.loads(answer["body"]) if answer["kind"] == "response" else {"error": answer["body"].decode()}
            outcomes.setdefault(name, set()).add(f'{answer["kind"]}: {result.get("outcome")} {result.get("verdict", "")}'.strip())
            return elapsed

        for name, command in builds:  # one untimed run each: file cache, and the answer is shown below
            run(name, command)
        for r in range(rounds):
            for i in range(len(builds)):
                name, command = builds[(i + r) % len(builds)]
                samples[name].append(run(name, command))

        first = builds[0][0]
        what = f", {tables} catalog tables" if tables else ""
        print(f"process start to first response, {handler} on {os.path.basename(event_file)}{what}, {rounds} paired rounds (ms)")
        print(f"{'build':<8} {'median':>8} {'min':>8} {'q1':>8} {'q3':>8} {'max':>8} {'paired ratio to ' + first:>24}  answer")
        for name, _ in builds:
            ratios = [a / b for a, b in zip(samples[name], samples[first])]
            v = samples[name]
            print(f"{name:<8} {quantile(v, .5):8.1f} {min(v):8.1f} {quantile(v, .25):8.1f} {quantile(v, .75):8.1f} {max(v):8.1f} "
                  f"{quantile(ratios, .5):23.2f}x  {', '.join(sorted(outcomes[name]))}")
    finally:
        moto.kill()


main()
