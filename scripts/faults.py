#!/usr/bin/env python3
"""The fault suite: runs against a real Temporal server (the Temporal CLI's dev server on a SQLite
file), PostgreSQL, the app and a worker, each its own process, while processes are killed,
stopped and frozen. A local HTTP receiver counts webhook calls per Idempotency-Key. Every scenario
prints its counts; the suite fails when a run is lost, fails, or an effect is missing or doubled.

Run it with ./automap test-faults (it builds the jars and finds or builds the Temporal CLI).
Environment: TEMPORAL_CLI (the CLI's path), FAULTS_ONLY (e.g. "1,3": those scenarios only),
FAULTS_KEEP=1 (keep the work directory and its logs).
"""

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEY = "faults-key"
ONLY = {s.strip() for s in os.environ.get("FAULTS_ONLY", "").split(",") if s.strip()}


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(seconds, probe, what):
    deadline = time.time() + seconds
    last = None
    while time.time() < deadline:
        try:
            last = probe()
            if last:
                return last
        except Exception as e:  # noqa: BLE001 - probing a process that may be down
            last = e
        time.sleep(0.5)
    raise AssertionError(f"timed out after {seconds}s waiting for {what} (last: {last})")


# ---- the webhook receiver ------------------------------------------------------------------


class Receiver:
    def __init__(self):
        self.calls = {}
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                key = self.headers.get("Idempotency-Key") or "-"
                with receiver.lock:
                    receiver.calls[key] = receiver.calls.get(key, 0) + 1
                body = b'{"ok": true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def keys(self, prefix):
        with self.lock:
            return {k: n for k, n in self.calls.items() if prefix in k}


# ---- the processes -------------------------------------------------------------------------


class Stack:
    def __init__(self):
        self.work = tempfile.mkdtemp(prefix="automap-faults.")
        self.temporal_port = free_port()
        self.pg_port = free_port()
        self.app_port = free_port()
        self.procs = {}
        env_line = subprocess.run(
            ["./automap", "env"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        env = {}
        for part in env_line.strip().split("; "):
            name, value = part.split("=", 1)
            env[name] = value.strip("'")
        self.java = env["JAVA"]
        self.java_opts = env["JAVA_OPTS"].split()
        self.app_jar = os.path.join(ROOT, env["APP_JAR"])
        self.worker_jar = os.path.join(ROOT, env["WORKER_JAR"])
        self.temporal = os.environ["TEMPORAL_CLI"]
        self.address = f"127.0.0.1:{self.temporal_port}"
        self.db_url = f"jdbc:postgresql://127.0.0.1:{self.pg_port}/postgres"

    def _start(self, name, args, env=None):
        out = open(os.path.join(self.work, name + ".log"), "ab")
        full_env = dict(os.environ)
        full_env.update(env or {})
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=full_env, cwd=ROOT)
        self.procs[name] = proc
        return proc

    def log_path(self, name):
        return os.path.join(self.work, name + ".log")

    def log_has(self, name, text, since=0):
        with open(self.log_path(name), "rb") as f:
            f.seek(since)
            return text.encode() in f.read()

    def log_size(self, name):
        return os.path.getsize(self.log_path(name))

    # Temporal ---------------------------------------------------------------------------------
    def start_temporal(self):
        attrs = []
        for a in [
            "AccountId=Keyword",
            "AutomationKey=Keyword",
            "AutomationVersion=Int",
            "ContactId=Keyword",
            "CurrentStep=Keyword",
            "RunState=Keyword",
        ]:
            attrs += ["--search-attribute", a]
        self._start(
            "temporal",
            [self.temporal, "server", "start-dev", "--headless", "--port", str(self.temporal_port),
             "--ui-port", str(free_port()), "--http-port", str(free_port()),
             "--metrics-port", str(free_port()),
             "--db-filename", os.path.join(self.work, "temporal.db"), "--log-level", "error"]
            + attrs,
        )
        wait_until(60, lambda: self.cli("operator", "namespace", "describe", "default",
                                        check=False).returncode == 0, "the Temporal server")

    def stop_temporal(self):
        proc = self.procs["temporal"]
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def cli(self, *args, check=True):
        return subprocess.run(
            [self.temporal, *args, "--address", self.address],
            capture_output=True, text=True, check=check, timeout=60,
        )

    # PostgreSQL, held by a process of its own (an API-less, worker-less automap) --------------
    def start_store(self):
        self._start(
            "store",
            [self.java, *self.java_opts, "-jar", self.worker_jar],
            {"TEMPORAL_ADDRESS": self.address, "AUTOMAP_WORKER_ENABLED": "false",
             "AUTOMAP_DATA_DIR": os.path.join(self.work, "data"),
             "AUTOMAP_EMBEDDED_POSTGRES_PORT": str(self.pg_port)},
        )
        wait_until(300, lambda: socket.create_connection(("127.0.0.1", self.pg_port), 1),
                   "PostgreSQL")

    def pg_pids(self):
        pidfile = os.path.join(self.work, "data", "postgres", "postmaster.pid")
        with open(pidfile) as f:
            postmaster = int(f.readline().strip())
        children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(postmaster)],
                                  capture_output=True, text=True).stdout.split()
        return [postmaster] + [int(c) for c in children]

    # the app and the worker -------------------------------------------------------------------
    def db_env(self):
        return {"TEMPORAL_ADDRESS": self.address, "DATASOURCES_DEFAULT_URL": self.db_url,
                "DATASOURCES_DEFAULT_USERNAME": "postgres", "DATASOURCES_DEFAULT_PASSWORD": "",
                # the receiver listens on loopback, which webhooks may not reach by default
                "AUTOMAP_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1"}

    def start_app(self):
        env = self.db_env()
        env.update({"AUTOMAP_WORKER_ENABLED": "false", "AUTOMAP_BOOTSTRAP_API_KEY": KEY,
                    "AUTOMAP_DATA_DIR": os.path.join(self.work, "data"),
                    "MICRONAUT_SERVER_PORT": str(self.app_port)})
        self._start("app", [self.java, *self.java_opts, "-jar", self.app_jar], env)
        # the app answers: 200, or 503 while no worker polls yet (the worker starts after it)
        wait_until(300, lambda: self.get("/health", auth=False)[0] in (200, 503), "the app")

    def start_worker(self):
        since = self.log_size("worker") if os.path.exists(self.log_path("worker")) else 0
        self._start("worker", [self.java, *self.java_opts, "-jar", self.worker_jar], self.db_env())
        wait_until(300, lambda: self.log_has("worker", "Worker polling", since), "the worker")

    def kill(self, name, sig=signal.SIGKILL):
        proc = self.procs[name]
        proc.send_signal(sig)
        proc.wait()

    def stop_all(self):
        for name in ["worker", "app", "store", "temporal"]:
            proc = self.procs.get(name)
            if proc and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()

    # the API -----------------------------------------------------------------------------------
    def call(self, method, path, body=None, auth=True, timeout=30):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.app_port}{path}", data=data,
                                         method=method)
        if auth:
            request.add_header("Authorization", f"Bearer {KEY}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                text = response.read().decode()
                return response.status, json.loads(text) if text else None, dict(response.headers)
        except urllib.error.HTTPError as e:
            text = e.read().decode()
            try:
                parsed = json.loads(text) if text else None
            except ValueError:
                parsed = text
            return e.code, parsed, dict(e.headers)

    def get(self, path, auth=True, timeout=30):
        return self.call("GET", path, auth=auth, timeout=timeout)

    def post(self, path, body=None, timeout=30):
        return self.call("POST", path, body, timeout=timeout)

    def publish(self, automation):
        status, body, _ = self.post("/v1/automations", automation)
        assert status in (200, 201), f"saving {automation['key']}: {status} {body}"
        status, body, _ = self.post(f"/v1/automations/{automation['key']}/publish")
        assert status == 200, f"publishing {automation['key']}: {status} {body}"

    def contact(self, email):
        status, body, _ = self.post("/v1/contacts", {"email": email, "firstName": "F"})
        assert status in (200, 201), f"contact {email}: {status} {body}"
        return body["id"]

    def enroll(self, key, contact):
        status, body, _ = self.post(f"/v1/automations/{key}/enrollments", {"contactId": contact})
        assert status in (200, 201, 202), f"enrolling {contact} in {key}: {status} {body}"
        return f"default:{key}:{contact}"

    def record(self, workflow_id):
        status, body, _ = self.get(f"/v1/enrollments/{workflow_id}")
        assert status == 200, f"{workflow_id}: {status} {body}"
        return body

    def contact_view(self, contact):
        status, body, _ = self.get(f"/v1/contacts/{contact}")
        assert status == 200, f"contact {contact}: {status} {body}"
        return body

    def messages(self, contact):
        status, body, _ = self.get(f"/v1/messages?contactId={contact}&limit=50")
        assert status == 200, f"messages of {contact}: {status} {body}"
        return body["messages"] if isinstance(body, dict) and "messages" in body else body

    def save_history(self, workflow_id, name):
        """Keeps the run's history as the real server recorded it (for the replay corpus)."""
        folder = os.path.join(self.work, "histories")
        os.makedirs(folder, exist_ok=True)
        out = self.cli("workflow", "show", "-w", workflow_id, "--output", "json").stdout
        with open(os.path.join(folder, name + ".json"), "w") as f:
            f.write(out)

    def temporal_status(self, workflow_id):
        out = self.cli("workflow", "describe", "-w", workflow_id, "--output", "json").stdout
        return json.loads(out)["workflowExecutionInfo"]["status"]


# ---- checks --------------------------------------------------------------------------------


class Report:
    def __init__(self):
        self.failures = []
        self.lines = []

    def check(self, scenario, ok, what):
        print(("  ok: " if ok else "  FAILED: ") + what, flush=True)
        if not ok:
            self.failures.append(f"scenario {scenario}: {what}")

    def summary(self, line):
        print("  => " + line, flush=True)
        self.lines.append(line)


def fields_of(view):
    contact = view.get("contact", view)
    return contact.get("fields") or {}


def tags_of(view):
    contact = view.get("contact", view)
    return contact.get("tags") or []


def wait_records(stack, ids, states, seconds):
    """Waits until every enrollment record is in one of states; returns {id: record}."""
    pending = set(ids)
    records = {}
    deadline = time.time() + seconds
    while pending and time.time() < deadline:
        for wid in list(pending):
            try:
                rec = stack.record(wid)
            except Exception:  # noqa: BLE001 - the app may be restarting
                continue
            records[wid] = rec
            if rec["record"]["state"] in states:
                pending.discard(wid)
        if pending:
            time.sleep(1)
    return records, pending


def count_effects(stack, contacts, tags, field, prefix, receiver, emails=True):
    """Per contact: each tag present, the field at 1, one message; webhook keys once each."""
    missing = doubled = 0
    checked = 0
    for c in contacts:
        view = stack.contact_view(c)
        for t in tags:
            checked += 1
            if t not in tags_of(view):
                missing += 1
        if field:
            checked += 1
            value = fields_of(view).get(field)
            if value is None or float(value) < 1:
                missing += 1
            elif float(value) > 1:
                doubled += 1
        if emails:
            checked += 1
            n = len(stack.messages(c))
            if n < 1:
                missing += 1
            elif n > 1:
                doubled += 1
    calls = receiver.keys(prefix) if prefix else {}
    repeated = sum(n - 1 for n in calls.values())
    return checked, missing, doubled, calls, repeated


# ---- the scenarios -------------------------------------------------------------------------


def scenario_1(stack, receiver, report):
    print("== 1. worker SIGKILLed at random points during 50 concurrent runs", flush=True)
    start = time.time()
    hook = f"http://127.0.0.1:{receiver.port}/hook"
    stack.publish({
        "key": "s1", "name": "Faults: actions, a wait, a webhook, an email", "start": "tag",
        "steps": [
            {"id": "tag", "type": "add_tags", "tags": ["s1-started"], "next": "count"},
            {"id": "count", "type": "increment_field", "field": "contact.fields.s1", "by": 1,
             "next": "pause"},
            {"id": "pause", "type": "wait", "duration": "PT4S", "next": "hook"},
            {"id": "hook", "type": "webhook", "url": hook, "body": {"contact": "{{contact.id}}"},
             "next": "mail"},
            {"id": "mail", "type": "send_email", "subject": "Hello", "body": "<p>Hi</p>",
             "next": "done-tag"},
            {"id": "done-tag", "type": "add_tags", "tags": ["s1-done"], "next": "end"},
            {"id": "end", "type": "end"}]})
    contacts = [stack.contact(f"s1-{i}@faults.test") for i in range(50)]
    with ThreadPoolExecutor(10) as pool:
        ids = list(pool.map(lambda c: stack.enroll("s1", c), contacts))
    kills = 0
    rng = random.Random(int(os.environ.get("FAULTS_SEED", time.time())))
    for _ in range(3):
        time.sleep(rng.uniform(1.0, 6.0))
        stack.kill("worker")
        kills += 1
        log(f"worker SIGKILLed ({kills})")
        stack.start_worker()
    records, pending = wait_records(stack, ids, {"completed", "exited", "failed"}, 240)
    completed = sum(1 for r in records.values() if r["record"]["state"] == "completed")
    report.check(1, not pending and completed == 50,
                 f"every run completed ({completed}/50, {len(pending)} still open)")
    failed_in_temporal = [w for w in ids if stack.temporal_status(w) != "WORKFLOW_EXECUTION_STATUS_COMPLETED"]
    report.check(1, not failed_in_temporal,
                 f"Temporal shows every run Completed ({len(failed_in_temporal)} not)")
    checked, missing, doubled, calls, repeated = count_effects(
        stack, contacts, ["s1-started", "s1-done"], "s1", ":s1:", receiver)
    report.check(1, len(calls) == 50, f"one webhook Idempotency-Key per run ({len(calls)}/50)")
    report.check(1, missing == 0, f"no effect lost ({missing} of {checked} missing)")
    report.check(1, doubled == 0, f"no effect doubled ({doubled})")
    stack.save_history(ids[0], "real-server-worker-killed")
    report.summary(
        f"scenario 1: 50 runs, {kills} worker kills and restarts, {checked + len(calls)} effects "
        f"checked (tags, increments, emails, webhook keys), lost {missing}, duplicated {doubled}, "
        f"webhook calls {sum(calls.values())} for {len(calls)} keys ({repeated} repeated with the "
        f"same key), {time.time() - start:.0f} s")


def scenario_2(stack, receiver, report):
    print("== 2. Temporal server stopped for 10 s and restarted on the same file", flush=True)
    start = time.time()
    stack.publish({
        "key": "s2", "start": "sleep",
        "steps": [
            {"id": "sleep", "type": "wait", "duration": "PT25S", "next": "slept"},
            {"id": "slept", "type": "add_tags", "tags": ["s2-timer"], "next": "await"},
            {"id": "await", "type": "wait_for", "event": {"event": "s2.go"}, "timeout": "PT3M",
             "next": "heard", "onTimeout": "late"},
            {"id": "heard", "type": "add_tags", "tags": ["s2-event"], "next": "end"},
            {"id": "late", "type": "add_tags", "tags": ["s2-timeout"], "next": "end"},
            {"id": "end", "type": "end"}]})
    stack.publish({
        "key": "s2w", "start": "await",
        "steps": [
            {"id": "await", "type": "wait_for", "event": {"event": "s2.go"}, "timeout": "PT3M",
             "next": "heard", "onTimeout": "late"},
            {"id": "heard", "type": "add_tags", "tags": ["s2w-event"], "next": "end"},
            {"id": "late", "type": "add_tags", "tags": ["s2w-timeout"], "next": "end"},
            {"id": "end", "type": "end"}]})
    timers = [stack.contact(f"s2-{i}@faults.test") for i in range(10)]
    waiters = [stack.contact(f"s2w-{i}@faults.test") for i in range(10)]
    timer_ids = [stack.enroll("s2", c) for c in timers]
    waiter_ids = [stack.enroll("s2w", c) for c in waiters]
    spare = stack.contact("s2-spare@faults.test")
    time.sleep(3)
    stack.stop_temporal()
    log("Temporal server stopped")
    outage_start = time.time()
    with ThreadPoolExecutor(3) as probes:  # asked at once, so the outage stays 10 s long
        event_probe = probes.submit(
            stack.post, "/v1/events",
            {"id": "s2-outage-probe", "type": "s2.go", "contactId": waiters[0]}, 90)
        enroll_probe = probes.submit(
            stack.post, "/v1/automations/s2/enrollments", {"contactId": spare}, 90)
        health_probe = probes.submit(stack.get, "/health", False, 30)
        ev_status, _, ev_headers = event_probe.result()
        en_status, _, en_headers = enroll_probe.result()
        health_status, health, _ = health_probe.result()
    answered_in = time.time() - outage_start
    time.sleep(max(0.0, 10 - (time.time() - outage_start)))
    stack.start_temporal()
    log(f"Temporal server back after {time.time() - outage_start:.0f} s")
    # each call gives up after 10 s (the client's own retries would go on for a minute)
    report.check(2, answered_in < 30,
                 f"the outage is answered well within a minute ({answered_in:.0f} s)")
    # events are stored and answered 202, and routed once Temporal is back (api.md); were the
    # database out too, the answer would be 503 with Retry-After
    report.check(2, ev_status == 202 or (ev_status == 503 and "Retry-After" in ev_headers),
                 f"POST /v1/events during the outage stores the event or answers 503 with "
                 f"Retry-After ({ev_status})")
    report.check(2, en_status == 503 and "Retry-After" in en_headers,
                 f"enrolling during the outage answers 503 with Retry-After ({en_status})")
    report.check(2, health_status != 200, f"/health reports the outage ({health_status})")
    # every waiter hears its event (resent until accepted: the probe was refused, not kept)
    for i, c in enumerate(waiters):
        body = {"events": [{"id": f"s2w-go-{i}", "type": "s2.go", "contactId": c}]}
        wait_until(90, lambda b=body: stack.post("/v1/events", b["events"][0])[0] == 202,
                   f"event for {c}")
    recs_w, pend_w = wait_records(stack, waiter_ids, {"completed"}, 90)
    # the timers fire after the restart; then their runs hear their event
    wait_until(120, lambda: all("s2-timer" in tags_of(stack.contact_view(c)) for c in timers),
               "every timer")
    for i, c in enumerate(timers):
        ev = {"id": f"s2-go-{i}", "type": "s2.go", "contactId": c}
        wait_until(60, lambda e=ev: stack.post("/v1/events", e)[0] == 202, f"event for {c}")
    recs_t, pend_t = wait_records(stack, timer_ids, {"completed"}, 90)
    fired = sum(1 for c in timers if "s2-timer" in tags_of(stack.contact_view(c)))
    heard = sum(1 for c in timers if "s2-event" in tags_of(stack.contact_view(c))) + sum(
        1 for c in waiters if "s2w-event" in tags_of(stack.contact_view(c)))
    timed_out = sum(1 for c in timers if "s2-timeout" in tags_of(stack.contact_view(c))) + sum(
        1 for c in waiters if "s2w-timeout" in tags_of(stack.contact_view(c)))
    report.check(2, fired == 10, f"every timer fired ({fired}/10)")
    report.check(2, heard == 20 and timed_out == 0,
                 f"every event reached its run ({heard}/20, {timed_out} timed out instead)")
    report.check(2, not pend_w and not pend_t,
                 f"every run completed ({20 - len(pend_w) - len(pend_t)}/20)")
    report.check(2, stack.procs["app"].poll() is None and stack.procs["worker"].poll() is None,
                 "the app and the worker reconnected by themselves (never restarted)")
    stack.save_history(timer_ids[0], "real-server-restarted-timer")
    stack.save_history(waiter_ids[0], "real-server-restarted-wait-for")
    report.summary(
        f"scenario 2: 20 runs (10 on a 25 s timer then wait_for, 10 on wait_for), 1 Temporal "
        f"stop of 10 s and restart, {fired} timers fired, {heard} events heard, lost "
        f"{20 - heard}, outage answers events {ev_status} / enroll {en_status} / health "
        f"{health_status}, {time.time() - start:.0f} s")


def scenario_3(stack, receiver, report):
    print("== 3. PostgreSQL frozen (SIGSTOP) for 45 s while actions run and runs end", flush=True)
    start = time.time()
    hook = f"http://127.0.0.1:{receiver.port}/hook"
    stack.publish({
        "key": "s3", "start": "tag",
        "steps": [
            {"id": "tag", "type": "add_tags", "tags": ["s3-started"], "next": "pause"},
            {"id": "pause", "type": "wait", "duration": "PT2S", "next": "count"},
            {"id": "count", "type": "increment_field", "field": "contact.fields.s3", "by": 1,
             "next": "hook"},
            {"id": "hook", "type": "webhook", "url": hook, "next": "done-tag"},
            {"id": "done-tag", "type": "add_tags", "tags": ["s3-done"], "next": "end"},
            {"id": "end", "type": "end"}]})
    contacts = [stack.contact(f"s3-{i}@faults.test") for i in range(20)]
    with ThreadPoolExecutor(10) as pool:
        ids = list(pool.map(lambda c: stack.enroll("s3", c), contacts))
    time.sleep(1.5)
    pids = stack.pg_pids()
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    log(f"PostgreSQL frozen ({len(pids)} processes)")
    frozen_at = time.time()
    health_during = []
    try:
        while time.time() - frozen_at < 45:
            try:
                status, body, _ = stack.get("/health", auth=False, timeout=8)
            except Exception as e:  # noqa: BLE001 - a hung answer counts as no answer
                status, body = "no answer", str(e)
            health_during.append(status)
            time.sleep(3)
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)
    log(f"PostgreSQL thawed after {time.time() - frozen_at:.0f} s")
    records, pending = wait_records(stack, ids, {"completed", "exited", "failed"}, 180)
    states = [r["record"]["state"] for r in records.values()]
    statuses = [stack.temporal_status(w) for w in ids]
    failed = sum(1 for s in statuses if s != "WORKFLOW_EXECUTION_STATUS_COMPLETED")
    report.check(3, failed == 0, f"no run failed in Temporal ({failed} of 20 not Completed)")
    agree = sum(1 for s in states if s == "completed")
    report.check(3, not pending and agree == 20,
                 f"enrollment records agree with Temporal ({agree}/20 completed)")
    checked, missing, doubled, calls, repeated = count_effects(
        stack, contacts, ["s3-started", "s3-done"], "s3", ":s3:", receiver, emails=False)
    report.check(3, len(calls) == 20, f"one webhook Idempotency-Key per run ({len(calls)}/20)")
    report.check(3, missing == 0, f"nothing lost ({missing} of {checked} missing)")
    report.check(3, doubled == 0, f"nothing doubled ({doubled})")
    down = sum(1 for s in health_during if s == 503)
    report.check(3, down == len(health_during),
                 f"/health answered 503 all the while the database was frozen ({health_during})")
    stack.save_history(ids[0], "real-server-database-frozen")
    report.summary(
        f"scenario 3: 20 runs, PostgreSQL frozen 45 s ({len(pids)} processes), {failed} runs "
        f"failed, records agreeing {agree}/20, {checked + len(calls)} effects checked, lost "
        f"{missing}, duplicated {doubled}, health during the freeze {health_during}, "
        f"{time.time() - start:.0f} s")


def scenario_4(stack, receiver, report):
    print("== 4. the app SIGKILLed during a burst of POST /v1/events", flush=True)
    start = time.time()
    stack.publish({
        "key": "s4", "start": "count", "enrollment": {"reenroll": "after_exit"},
        "triggers": [{"event": "s4.ping"}],
        "steps": [
            {"id": "count", "type": "increment_field", "field": "contact.fields.s4", "by": 1,
             "next": "end"},
            {"id": "end", "type": "end"}]})
    n, size = 300, 10
    batches = [[{"id": f"s4-{b * size + i}", "type": "s4.ping",
                 "contact": {"email": f"s4-{b * size + i}@faults.test"}}
                for i in range(size)] for b in range(n // size)]
    answered = {}

    def send(index):
        try:
            status, body, _ = stack.post("/v1/events", batches[index], timeout=60)
            answered[index] = (status, body)
        except Exception as e:  # noqa: BLE001 - the app was killed under it
            answered[index] = ("no answer", str(e))

    pool = ThreadPoolExecutor(4)
    futures = [pool.submit(send, i) for i in range(len(batches))]
    time.sleep(2.0)
    stack.kill("app")
    log("app SIGKILLed")
    pool.shutdown(wait=True)
    before = sum(1 for s, _ in answered.values() if s == 202)
    stack.start_app()
    resent = 0
    for i, batch in enumerate(batches):
        if answered.get(i, (None,))[0] == 202:
            continue
        resent += 1
        wait_until(60, lambda b=batch: stack.post("/v1/events", b)[0] == 202,
                   f"batch {i} accepted")
    del futures
    # every event enrolled its contact once: the count is 1 on every contact
    emails = [e["contact"]["email"] for b in batches for e in b]

    def counts():
        result = {}
        for email in emails:
            status, body, _ = stack.get(f"/v1/contacts?email={email}")
            items = body.get("contacts", body.get("items", [])) if isinstance(body, dict) else body
            if status != 200 or not items:
                result[email] = 0
                continue
            value = (items[0].get("fields") or {}).get("s4")
            result[email] = 0 if value is None else float(value)
        return result

    deadline = time.time() + 120
    final = counts()
    while any(v < 1 for v in final.values()) and time.time() < deadline:
        time.sleep(3)
        final = counts()
    time.sleep(3)
    final = counts()
    lost = sum(1 for v in final.values() if v < 1)
    doubled = sum(1 for v in final.values() if v > 1)
    report.check(4, lost == 0, f"no accepted event lost ({lost} of {n})")
    report.check(4, doubled == 0, f"no event routed twice ({doubled} of {n})")
    report.summary(
        f"scenario 4: {n} events in {len(batches)} batches, 1 app kill and restart, {before} "
        f"batches answered before the kill, {resent} resent by id, {n} effects checked, lost "
        f"{lost}, duplicated {doubled}, {time.time() - start:.0f} s")


def scenario_5(stack, receiver, report):
    print("== 5. pause, resume and exit from the Temporal CLI, and a batch signal", flush=True)
    start = time.time()
    stack.publish({
        "key": "s5", "start": "sleep",
        "steps": [
            {"id": "sleep", "type": "wait", "duration": "PT10M", "next": "tag"},
            {"id": "tag", "type": "add_tags", "tags": ["s5-woke"], "next": "end"},
            {"id": "end", "type": "end"}]})
    contacts = [stack.contact(f"s5-{i}@faults.test") for i in range(6)]
    ids = [stack.enroll("s5", c) for c in contacts]
    wait_until(30, lambda: all(stack.record(w)["status"] and
                               stack.record(w)["status"]["state"] == "waiting" for w in ids),
               "every run waiting")

    def state(w):
        return stack.record(w)["status"]["state"]

    # pause: the CLI's signal and the API's call
    stack.cli("workflow", "signal", "-w", ids[0], "--name", "pause")
    stack.post(f"/v1/enrollments/{ids[1]}/pause")
    wait_until(20, lambda: state(ids[0]) == "paused" and state(ids[1]) == "paused", "paused")
    report.check(5, True, "pause through the CLI and through the API: both paused")
    stack.cli("workflow", "signal", "-w", ids[0], "--name", "resume")
    stack.post(f"/v1/enrollments/{ids[1]}/resume")
    wait_until(20, lambda: state(ids[0]) == "waiting" and state(ids[1]) == "waiting", "resumed")
    report.check(5, True, "resume through the CLI and through the API: both waiting again")
    stack.cli("workflow", "signal", "-w", ids[2], "--name", "exit", "--input", '"by the CLI"')
    stack.post(f"/v1/enrollments/{ids[3]}/exit", {"reason": "by the API"})
    records, pending = wait_records(stack, ids[2:4], {"exited"}, 30)
    report.check(5, not pending,
                 "exit through the CLI and through the API: both records exited "
                 f"({[r['record']['reason'] for r in records.values()]})")
    # a batch signal by query: the rest exit
    stack.cli("workflow", "signal", "--query",
              "AutomationKey='s5' AND ExecutionStatus='Running'", "--name", "exit",
              "--input", '"batch by query"', "--yes")
    records, pending = wait_records(stack, ids[4:] + ids[:2], {"exited"}, 60)
    report.check(5, not pending, f"a batch exit by query ends every other run ({4 - len(pending)}/4)")
    closed = [stack.temporal_status(w) for w in ids]
    report.check(5, all(s == "WORKFLOW_EXECUTION_STATUS_COMPLETED" for s in closed),
                 "every exited run closed as Completed in Temporal")
    woke = sum(1 for c in contacts if "s5-woke" in tags_of(stack.contact_view(c)))
    report.check(5, woke == 0, f"no exited run went on to its next step ({woke})")
    stack.save_history(ids[0], "real-server-cli-paused-resumed-batch-exited")
    stack.save_history(ids[2], "real-server-cli-exited")
    report.summary(f"scenario 5: 6 runs, pause/resume/exit by CLI and API, 1 batch exit by "
                   f"query, every record exited, {time.time() - start:.0f} s")


def scenario_6(stack, receiver, report):
    print("== 6. a migration to version 2 while the worker is SIGKILLed", flush=True)
    start = time.time()
    v1 = {"key": "s6", "start": "hold",
          "steps": [
              {"id": "hold", "type": "wait", "duration": "P3D", "next": "v1-tag"},
              {"id": "v1-tag", "type": "add_tags", "tags": ["s6-v1"], "next": "end"},
              {"id": "end", "type": "end"}]}
    stack.publish(v1)
    contacts = [stack.contact(f"s6-{i}@faults.test") for i in range(20)]
    ids = [stack.enroll("s6", c) for c in contacts]
    wait_until(60, lambda: all((stack.record(w)["status"] or {}).get("state") == "waiting"
                               for w in ids), "every run waiting on version 1")
    v2 = {"key": "s6", "start": "hold2",
          "steps": [
              {"id": "hold2", "type": "wait", "duration": "PT5S", "next": "v2-tag"},
              {"id": "v2-tag", "type": "add_tags", "tags": ["s6-v2"], "next": "end"},
              {"id": "end", "type": "end"}]}
    status, body, _ = stack.call("PUT", "/v1/automations/s6", v2)
    assert status == 200, f"version 2 of s6: {status} {body}"
    status, body, _ = stack.post("/v1/automations/s6/publish")
    assert status == 200, f"publishing version 2 of s6: {status} {body}"
    # the worker is frozen while the migration signals every run, then thawed and SIGKILLed a
    # moment later: some runs are between the signal and their continue-as-new when it dies
    stack.procs["worker"].send_signal(signal.SIGSTOP)
    status, body, _ = stack.post("/v1/automations/s6/migrations",
                                 {"from": 1, "to": 2, "steps": {"hold": "hold2"}})
    assert status == 202, f"migrating s6: {status} {body}"
    migration = body["migrationId"]
    report.check(6, body["runs"] == 20, f"the migration signalled every run ({body['runs']}/20)")
    rng = random.Random(int(os.environ.get("FAULTS_SEED", time.time())))
    stack.procs["worker"].send_signal(signal.SIGCONT)
    time.sleep(rng.uniform(0.05, 0.6))
    stack.kill("worker")
    _, before, _ = stack.get(f"/v1/migrations/{migration}")
    log(f"worker SIGKILLed during the migration ({before['moved']} of 20 had moved)")
    stack.start_worker()
    records, pending = wait_records(stack, ids, {"completed", "exited", "failed"}, 180)
    on_two = sum(1 for r in records.values()
                 if r["record"]["state"] == "completed" and r["record"]["version"] == 2)
    report.check(6, not pending and on_two == 20,
                 f"every run completed on version 2 ({on_two}/20, {len(pending)} still open)")
    tags = [tags_of(stack.contact_view(c)) for c in contacts]
    moved = sum(1 for t in tags if "s6-v2" in t and "s6-v1" not in t)
    report.check(6, moved == 20, f"every contact went through version 2 only ({moved}/20)")
    status, progress, _ = stack.get(f"/v1/migrations/{migration}")
    report.check(6, status == 200 and progress["moved"] == 20 and progress["state"] == "done",
                 f"the migration says every run moved ({progress})")
    _, first, _ = stack.get("/v1/automations/s6/stats?version=1")
    _, second, _ = stack.get("/v1/automations/s6/stats?version=2")
    report.check(6, first["migratedOut"] == 20 and second["migratedIn"] == 20,
                 f"each move counted once (out {first['migratedOut']}, in {second['migratedIn']})")
    report.check(6, second["completed"] == 20,
                 f"version 2 counts 20 completed ({second['completed']})")
    stack.save_history(ids[0], "real-server-migrated-worker-killed")
    report.summary(f"scenario 6: 20 runs waiting 3 days moved to version 2, 1 worker kill after "
                   f"{before['moved']} had moved, "
                   f"{moved} moved once, migrated out {first['migratedOut']} / in "
                   f"{second['migratedIn']}, {time.time() - start:.0f} s")


def main():
    began = time.time()
    stack = Stack()
    receiver = Receiver()
    report = Report()
    log(f"work directory {stack.work}")
    try:
        stack.start_temporal()
        stack.start_store()
        stack.start_app()
        stack.start_worker()
        log(f"stack up in {time.time() - began:.0f} s (Temporal {stack.address}, app "
            f"{stack.app_port}, PostgreSQL {stack.pg_port})")
        for number, scenario in [("1", scenario_1), ("2", scenario_2), ("3", scenario_3),
                                 ("4", scenario_4), ("5", scenario_5),
                                 ("6", scenario_6)]:
            if ONLY and number not in ONLY:
                continue
            try:
                scenario(stack, receiver, report)
            except Exception as e:  # noqa: BLE001 - one scenario's failure is reported, not fatal
                report.failures.append(f"scenario {number}: {type(e).__name__}: {e}")
                print(f"  FAILED: scenario {number}: {type(e).__name__}: {e}", flush=True)
    finally:
        stack.stop_all()
    print("== fault suite", flush=True)
    for line in report.lines:
        print("  " + line)
    print(f"  {len(report.failures)} failures, {time.time() - began:.0f} s in all")
    for f in report.failures:
        print("  FAILED " + f)
    if report.failures or os.environ.get("FAULTS_KEEP"):
        print(f"  logs in {stack.work}")
    else:
        shutil.rmtree(stack.work, ignore_errors=True)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
