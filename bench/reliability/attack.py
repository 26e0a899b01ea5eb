#!/usr/bin/env python3
"""The adversarial suite of RELIABILITY.md: every attack on memory, time, parsing and connections that the
service must survive, run against the built jar with the image's JVM flags (-Xmx512m
-XX:+ExitOnOutOfMemoryError) and the default limits.

For every attack it records the answers' statuses, whether they are problems (application/problem+json),
the 5xx answers other than admission control's 503, whether the process died (it is then started again
for the next attack), the peak heap while the attack ran (jstat, every 100 ms), the largest server time
per body byte, and, for the attacks on connections, the slowest answer of an ordinary request and of the
liveness probe sent every half second while the attack goes on. It fails (exit 1) on any 5xx other
than a 503 of admission control, any death, any answer that is not a problem where one belongs, any
ordinary request or probe slower than 2 s, or a computation that outlasts its deadline by more than 1 s.

  python3 bench/reliability/attack.py                      the whole suite, about 6 minutes
  python3 bench/reliability/attack.py --quick              the fast attacks only (CI)
  python3 bench/reliability/attack.py --jar OLD.jar --no-fail --out bench/results/attack-before.json

The results go to bench/results/attack.json (or --out), and a Markdown table to stdout.
"""

import argparse
import datetime
import glob
import json
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from make_workloads import COURSE, cbor, head  # noqa: E402

PORT, MANAGEMENT_PORT = 18181, 18182
MIB = 1 << 20
PROMPT = 2.0

# ---------------------------------------------------------------------------------------------------------
# the server


class Server:
    def __init__(self, jar, extra=()):
        self.jar, self.extra, self.process = jar, list(extra), None
        self.deaths, self.starts = 0, 0
        self.gc = None

    def start(self):
        log = open(ROOT / "target" / "attack-server.log", "a")
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
        self.starts += 1
        gc_log = ROOT / "target" / ("attack-gc-%d-%d.log" % (os.getpid(), self.starts))
        self.gc = GcLog(gc_log)
        self.process = subprocess.Popen(
            ["java", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=%s:time" % gc_log,
             "-jar", self.jar, "--server.port=%d" % PORT,
             "--management.server.port=%d" % MANAGEMENT_PORT] + self.extra,
            stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the service exited at start-up; see target/attack-server.log")
            try:
                if status(get(MANAGEMENT_PORT, "/actuator/health/liveness", timeout=2)) == 200:
                    self.heap = HeapSampler(self.process.pid)
                    time.sleep(1)
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("the service did not start")

    def live_heap(self):
        """What stays in the heap after a full collection, in MB: what the process still holds."""
        if self.process.poll() is not None:
            return 0
        for _ in range(2):
            subprocess.run(["jcmd", str(self.process.pid), "GC.run"], capture_output=True)
        info = subprocess.run(["jcmd", str(self.process.pid), "GC.heap_info"], capture_output=True, text=True).stdout
        match = re.search(r"used (\d+)K", info)
        return round(int(match.group(1)) / 1024) if match else 0

    def alive(self):
        if self.process.poll() is not None:
            return False
        try:
            return status(get(MANAGEMENT_PORT, "/actuator/health/liveness", timeout=10)) == 200
        except OSError:
            return False

    def ensure(self):
        """Whether the process survived; if not, counts the death and starts it again."""
        if self.alive():
            return True
        self.deaths += 1
        self.stop()
        self.start()
        return False

    def stop(self):
        if getattr(self, "heap", None):
            self.heap.stop()
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()


class HeapSampler(threading.Thread):
    """The heap in use (young and old generations), sampled by jstat every 50 ms for the server's whole life:
    the most in use between two moments, where no collection ran to say it."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.samples = []
        self.process = subprocess.Popen(["jstat", "-gc", str(pid), "50"], stdout=subprocess.PIPE, text=True)
        self.start()

    def run(self):
        columns = None
        for line in self.process.stdout:
            fields = line.split()
            if fields and fields[0] == "S0C":
                columns = fields
            elif columns and len(fields) == len(columns):
                values = dict(zip(columns, fields))
                try:
                    used = sum(float(values[c]) for c in ("S0U", "S1U", "EU", "OU")) / 1024
                    self.samples.append((time.time(), used))
                except (KeyError, ValueError):
                    pass

    def most(self, start, end):
        return round(max((used for when, used in self.samples if start <= when <= end), default=0))

    def stop(self):
        self.process.kill()


class GcLog:
    """The heap before and after each collection, from the JVM's GC log (-Xlog:gc with wall-clock times):
    the most in use before a collection is the heap's peak between samples."""

    LINE = re.compile(r"^\[([^\]]+)\].*Pause.* (\d+)M->(\d+)M\((\d+)M\)")

    def __init__(self, path):
        self.path = path

    def window(self, start, end):
        most_before, most_after = 0, 0
        try:
            lines = Path(self.path).read_text().splitlines()
        except OSError:
            return 0, 0
        for line in lines:
            match = self.LINE.match(line)
            if not match:
                continue
            when = datetime.datetime.fromisoformat(match.group(1)).timestamp()
            if start <= when <= end:
                most_before = max(most_before, int(match.group(2)))
                most_after = max(most_after, int(match.group(3)))
        return most_before, most_after


# ---------------------------------------------------------------------------------------------------------
# HTTP over raw sockets: the attacks need control of every byte and every pause


class Answer:
    def __init__(self, status=0, headers=None, body=b"", seconds=0.0, sent=0, error=None):
        self.status, self.headers, self.body = status, headers or {}, body
        self.seconds, self.sent, self.error = seconds, sent, error

    @property
    def problem(self):
        return self.headers.get("content-type", "").startswith("application/problem+json")

    @property
    def kind(self):
        try:
            return json.loads(self.body)["type"].rsplit("/", 1)[-1]
        except Exception:
            return None


def parse_answer(data):
    while data.startswith(b"HTTP/1.1 1") and b"\r\n\r\n" in data:  # an interim answer: 100 Continue
        data = data[data.find(b"\r\n\r\n") + 4:]
    if not data:
        return Answer(error="closed without an answer")
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0:
        return Answer(error="incomplete answer")
    lines = data[:head_end].decode("latin-1").split("\r\n")
    try:
        code = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return Answer(error="not HTTP: %r" % lines[0][:40])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = data[head_end + 4:]
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = dechunk(body)
    return Answer(code, headers, body)


def dechunk(data):
    out, at = b"", 0
    while True:
        end = data.find(b"\r\n", at)
        if end < 0:
            return out
        try:
            size = int(data[at:end].split(b";")[0], 16)
        except ValueError:
            return out
        if size == 0:
            return out
        out += data[end + 2:end + 2 + size]
        at = end + 2 + size + 2


def exchange(port, request_head, body=b"", timeout=120, pieces=None, read_answer=True):
    """Sends the head and the body (or the pieces, with their pauses), then reads the answer until the
    server closes the connection or the answer is complete."""
    start = time.time()
    sent = 0
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(request_head)
            last_byte = time.time()
            try:
                if pieces is None:
                    s.sendall(body)
                    sent = len(body)
                else:
                    for piece, pause in pieces:
                        s.sendall(piece)
                        sent += len(piece)
                        if pause:
                            time.sleep(pause)
                last_byte = time.time()
            except OSError:
                pass  # the server answered and closed before the whole body was sent
            if not read_answer:
                return Answer(sent=sent)
            data = b""
            s.settimeout(timeout)
            try:
                while True:
                    chunk = s.recv(1 << 16)
                    if not chunk:
                        break
                    data += chunk
                    answer = parse_answer(data)
                    length = answer.headers.get("content-length")
                    if length is not None and len(answer.body) >= int(length):
                        break
                    if answer.headers.get("transfer-encoding") == "chunked" and data.endswith(b"0\r\n\r\n"):
                        break
            except OSError:
                pass
            answer = parse_answer(data)
            answer.seconds = time.time() - last_byte
            answer.sent = sent
            return answer
    except OSError as e:
        return Answer(error=str(e), seconds=time.time() - start, sent=sent)


def request_head(method, path, content_type="application/json", length=None, extra=""):
    head = "%s %s HTTP/1.1\r\nHost: localhost\r\n" % (method, path)
    if content_type:
        head += "Content-Type: %s\r\n" % content_type
    if length is not None:
        head += "Content-Length: %d\r\n" % length
    return (head + extra + "Connection: close\r\n\r\n").encode("latin-1")


def post(path, body, content_type="application/json", extra="", timeout=120):
    return exchange(PORT, request_head("POST", path, content_type, len(body), extra), body, timeout)


def get(port, path, timeout=5):
    return exchange(port, request_head("GET", path, None), b"", timeout)


def status(answer):
    return answer.status


def chunked(body, size=1 << 16):
    for at in range(0, len(body), size):
        piece = body[at:at + size]
        yield b"%x\r\n" % len(piece) + piece + b"\r\n"
    yield b"0\r\n\r\n"

# ---------------------------------------------------------------------------------------------------------
# bodies


COURSE_JSON = json.dumps(COURSE).encode()


def zeros_json(numbers):
    return b'{"x": [' + b"0," * (numbers - 1) + b'0]}'


def cbor_tagged(tag, payload):
    return head(6, tag) + head(2, len(payload)) + payload


def cbor_map(pairs):
    """A CBOR map from already encoded keys and values, which may repeat."""
    return head(5, len(pairs)) + b"".join(cbor(k) + v for k, v in pairs)


def course_cbor(**replaced):
    pairs = [(k, replaced.pop(k) if k in replaced else cbor(v)) for k, v in COURSE.items()]
    return cbor_map(pairs + list(replaced.items()))


def softmax_layers(n):
    return [{"type": "softmax"}] * n

# ---------------------------------------------------------------------------------------------------------
# the attacks: each returns its answers, and what ran beside it


def under_watch(attack, delay):
    """Runs the attack while, from {delay} seconds on, an ordinary request and the liveness probe are sent
    every half second; returns the attack's answers and the slowest ordinary answer and probe (and whether
    each was a 200)."""
    slowest = {"ordinary": 0.0, "liveness": 0.0, "ordinary_failed": 0, "liveness_failed": 0, "failures": []}
    done = threading.Event()

    def watch():
        time.sleep(delay)
        while not done.is_set():
            a = post("/gradient", COURSE_JSON, timeout=10)
            slowest["ordinary"] = max(slowest["ordinary"], a.seconds)
            slowest["ordinary_failed"] += a.status != 200
            if a.status != 200 and len(slowest["failures"]) < 5:
                slowest["failures"].append("%s %s" % (a.status or a.error, a.body[:160]))
            t = time.time()
            p = get(MANAGEMENT_PORT, "/actuator/health/liveness", timeout=10)
            slowest["liveness"] = max(slowest["liveness"], time.time() - t)
            slowest["liveness_failed"] += p.status != 200
            time.sleep(0.5)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    answers = attack()
    done.set()
    watcher.join(30)
    return answers, slowest


def at_once(n, function):
    results = [None] * n

    def run(i):
        results[i] = function(i)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    return results


def wide_jacobian(n):
    return lambda: [post("/jacobian", json.dumps({"layers": [{"type": "sigmoid"}], "x": [0] * n}).encode())]


def trace_of_wide_sigmoid():
    body = {"layers": [{"type": "sigmoid"}], "loss": {"type": "squared_error"}, "x": [0] * 20000,
            "y": [0] * 20000, "trace": True}
    return [post("/gradient", json.dumps(body).encode())]


def densest_json():
    return [post("/forward", zeros_json((64 * MIB - 16) // 2))]


def densest_cbor():
    numbers = 32 * MIB - 16
    return [post("/forward", head(5, 1) + cbor("x") + head(4, numbers) + b"\x00" * numbers, "application/cbor")]


def four_cbor_bodies():
    numbers = 12 * MIB
    body = head(5, 1) + cbor("x") + head(4, numbers) + b"\x00" * numbers
    return at_once(4, lambda i: post("/forward", body, "application/cbor"))


def typed_array_little_endian():
    x = struct.pack("<3d", 1, 0, -1)
    answer = post("/gradient", course_cbor(x=cbor_tagged(86, x)), "application/cbor")
    expected = post("/gradient", COURSE_JSON)
    answer.correct = answer.status == 200 and json.loads(answer.body) == json.loads(expected.body)
    return [answer]


def cbor_bent_values():
    layers = [dict(COURSE["layers"][0], outputs=2.9)] + COURSE["layers"][1:]
    return [post("/gradient", course_cbor(layers=cbor(layers)), "application/cbor"),
            post("/gradient", course_cbor(reductoin=cbor("sum")), "application/cbor"),
            post("/gradient", cbor_map([(k, cbor(v)) for k, v in COURSE.items()] + [("x", cbor([9, 9, 9]))]),
                 "application/cbor")]


def nested_tags():
    body = head(5, 1) + cbor("x") + b"\xc6" * (700 * 1024) + b"\x80"
    return at_once(8, lambda i: post("/gradient", body, "application/cbor"))


def trickled_bodies(connections, declared, pause, seconds):
    def one(i):
        pieces = [(b"{", pause)] + [(b" ", pause)] * int(seconds / pause)
        return exchange(PORT, request_head("POST", "/gradient", length=declared), pieces=pieces, timeout=60)
    return lambda: at_once(connections, one)


def slow_headers(connections, seconds):
    def one(i):
        text = b"GET /catalog HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 4000
        pieces = [(bytes([b]), 1.0) for b in text[:int(seconds)]]
        return exchange(PORT, b"", pieces=pieces, timeout=30)
    return lambda: at_once(connections, one)


def unread_answers(connections, seconds):
    body = json.dumps({"layers": [{"type": "linear", "outputs": 700, "bias": False, "parameters": [0.001] * 700},
                                  {"type": "softmax"}], "x": [1]}).encode()

    def one(i):
        with socket.create_connection(("127.0.0.1", PORT), timeout=60) as s:
            s.sendall(request_head("POST", "/jacobian", length=len(body)) + body)
            start, got, data = time.time(), 0, b""
            try:
                while time.time() - start < seconds:
                    chunk = s.recv(512)
                    if not chunk:
                        break
                    got += len(chunk)
                    if len(data) < 4096:
                        data += chunk
                    time.sleep(0.3)
            except OSError:
                pass
            answer = parse_answer(data) if data else Answer(error="no answer")
            answer.read = got
            return answer
    return lambda: at_once(connections, one)


def chunked_with_trailing_comma():
    numbers = 200 * MIB
    body = head(5, 1) + cbor("x") + head(4, numbers)

    def pieces():
        yield b"%x\r\n" % len(body) + body + b"\r\n", 0
        zeros = b"\x00" * (1 << 20)
        for _ in range(200):
            yield b"%x\r\n" % len(zeros) + zeros + b"\r\n", 0
        yield b"0\r\n\r\n", 0
    head_bytes = request_head("POST", "/forward", "application/cbor", extra="Transfer-Encoding: chunked,\r\n")
    return [exchange(PORT, head_bytes, pieces=pieces())]


def form_bodies():
    form = b"a=" + b"b" * (16 * MIB)
    return [exchange(PORT, request_head(method, "/anything", "application/x-www-form-urlencoded", len(form)), form)
            for method in ("PUT", "PATCH", "DELETE")]


def heavy_small_jacobian():
    layers = [{"type": "linear", "outputs": 400, "bias": False, "parameters": [0.01] * 400}] + softmax_layers(100)
    body = json.dumps({"layers": layers, "x": [1]}).encode()
    return [post("/jacobian", body)]


def never_fits():
    body = json.dumps({"layers": softmax_layers(1000), "x": [0] * 40000}).encode()
    return [post("/forward", body)]


def framing_and_encodings():
    answers = []
    course = COURSE_JSON
    answers.append(post("/gradient", course, extra="Content-Encoding: gzip\r\n"))
    answers.append(post("/gradient", course.decode().encode("utf-16"), "application/json; charset=utf-16"))
    answers.append(exchange(PORT, request_head("POST", "/gradient", length=len(course),
                                               extra="Content-Length: %d\r\n" % len(course)), course))
    answers.append(exchange(PORT, b"POST /gradient HTTP/1.0\r\nContent-Type: application/json\r\n"
                                  b"Transfer-Encoding: chunked\r\n\r\n", b"".join(chunked(course))))
    answers.append(exchange(PORT, request_head("POST", "/gradient", extra="Content-Length: -1\r\n"), course))
    answers.append(exchange(PORT, request_head("POST", "/gradient", length=1 << 30, extra="Expect: 100-continue\r\n"),
                            b"", timeout=10))
    for path in ("/gradient;a=b", "//gradient", "/%67radient", "/gradient/", "/x/../gradient", "/GRADIENT"):
        answers.append(post(path, zeros_json(40 * MIB)))
    return answers


def deadline_bound():
    """A 12 KB Jacobian through 1,000 softmax layers of width 1,000 after a linear 1 → 1,000: a million
    entries through every layer, far longer than the deadline (2 s on this server)."""
    layers = [{"type": "linear", "outputs": 1000, "bias": False, "parameters": [0.001] * 1000}] + softmax_layers(999)
    return [post("/jacobian", json.dumps({"layers": layers, "x": [1]}).encode())]


ATTACKS = [
    # name, what, run, statuses expected now, quick, when the watch begins (s; 0 for none)
    ("jacobian-20000", "POST /jacobian of one sigmoid on 20,000 inputs (40 KB)", wide_jacobian(20000), {200}, True, 0),
    ("jacobian-46341", "the same on 46,341 inputs", wide_jacobian(46341), {200}, True, 0),
    ("trace-20000", "a trace of one sigmoid on 20,000 inputs", trace_of_wide_sigmoid, {422}, True, 0),
    ("json-64mib", "one 64 MiB JSON body of 0s", densest_json, {413}, False, 0),
    ("cbor-32mib", "one 32 MiB CBOR body of one-byte integers", densest_cbor, {413}, False, 0),
    ("cbor-4x12mib", "four 12 MiB CBOR bodies at once (no layers: a 400 once parsed)", four_cbor_bodies,
     {400, 413, 503}, False, 0),
    ("cbor-tag-86", "a Float64Array from cbor-x (tag 86, little-endian)", typed_array_little_endian, {200}, True, 0),
    ("cbor-bent", "CBOR outputs 2.9, an unknown field, a repeated key", cbor_bent_values, {400}, True, 0),
    ("cbor-tags", "eight 700 KB bodies of nested tags at once", nested_tags, {400}, True, 0),
    ("slow-64mib", "two bodies declaring 64 MiB, a byte every 3 s for 30 s",
     trickled_bodies(2, 64 * MIB - 1, 3.0, 30), {408}, False, 0.5),
    ("slow-70", "70 bodies, a byte every 2 s for 30 s", trickled_bodies(70, 100000, 2.0, 30), {408}, False, 0.5),
    # watched once the eight are computed: what their computation holds is not the slow readers' doing
    ("unread-8", "eight /jacobian answers of 10 MB read 512 bytes every 300 ms, for 20 s",
     unread_answers(8, 20), {200}, False, 6),
    ("slow-headers", "200 connections sending their headers a byte a second, for 20 s",
     slow_headers(200, 20), {0}, False, 0.5),
    ("chunked-comma", "Transfer-Encoding: \"chunked,\" and 200 MiB of CBOR", chunked_with_trailing_comma, {413},
     False, 0),
    ("form-16mib", "16 MiB form bodies by PUT, PATCH and DELETE", form_bodies, {404, 405, 413}, True, 0),
    ("heavy-3kb", "a 3 KB /jacobian: 100 softmax layers after a linear 1 → 400", heavy_small_jacobian, {200}, True, 0),
    ("never-fits", "a forward pass that needs 320 MB, more than the whole budget", never_fits, {422}, True, 0),
    ("framing", "gzip, UTF-16, two Content-Lengths, HTTP/1.0 chunked, a negative length, 100-continue for 1 GiB,"
                " oversized bodies at six spellings of /gradient", framing_and_encodings,
     {415, 400, 413, 404}, True, 0),
]

DEADLINE_ATTACK = ("deadline", "a 12 KB Jacobian through 1,000 softmax layers, against a 2 s deadline", deadline_bound,
                   {503}, True, 0)


def summarize(name, what, answers, expected, watched, server, heap, elapsed):
    answers = [a for a in answers if a is not None]
    statuses = {}
    for a in answers:
        statuses[a.status or "closed"] = statuses.get(a.status or "closed", 0) + 1
    errors = sum(1 for a in answers if a.status >= 500 and a.status != 503)
    not_problems = sum(1 for a in answers if a.status >= 400 and not a.problem and a.status not in (501,))
    seconds = max((a.seconds for a in answers), default=0)
    per_byte = max((a.seconds / a.sent for a in answers if a.sent), default=0)
    died = not server.ensure()
    result = {"name": name, "what": what, "statuses": statuses, "expected": sorted(expected),
              "as_expected": all((a.status or 0) in expected for a in answers),
              "errors_5xx": errors, "not_problems": not_problems, "died": died,
              "heap_in_use_most_mb": heap[0], "heap_live_after_mb": heap[1],
              "slowest_answer_s": round(seconds, 3), "seconds_per_body_byte": per_byte, "elapsed_s": round(elapsed, 1)}
    if any(hasattr(a, "correct") for a in answers):
        result["correct_numbers"] = all(getattr(a, "correct", True) for a in answers)
    if watched:
        result.update({"ordinary_slowest_s": round(watched["ordinary"], 3),
                       "ordinary_failed": watched["ordinary_failed"],
                       "liveness_slowest_s": round(watched["liveness"], 3),
                       "liveness_failed": watched["liveness_failed"], "ordinary_failures": watched["failures"]})
    return result


def run(attacks, server):
    results = []
    for name, what, attack, expected, _, watch in attacks:
        gc, sampler = server.gc, server.heap
        start = time.time()
        try:
            if watch:
                answers, watched = under_watch(attack, watch)
            else:
                answers, watched = attack(), None
        except Exception as e:  # an attack that cannot even be sent is a finding too
            answers, watched = [Answer(error=repr(e))], None
        elapsed = time.time() - start
        time.sleep(0.5)
        before_gc, _ = gc.window(start, time.time())
        heap = (max(before_gc, sampler.most(start, time.time())), server.live_heap())
        result = summarize(name, what, answers, expected, watched, server, heap, elapsed)
        print("  %-14s %s" % (name, json.dumps({k: result[k] for k in (
            "statuses", "died", "heap_in_use_most_mb", "heap_live_after_mb", "slowest_answer_s")})), flush=True)
        results.append(result)
    return results


def failures(results, deadline):
    found = []
    for r in results:
        if r["errors_5xx"] or r["died"] or r["not_problems"] or not r["as_expected"]:
            found.append("%s: %s" % (r["name"], {k: r[k] for k in ("statuses", "errors_5xx", "died", "not_problems")}))
        if r.get("correct_numbers") is False:
            found.append("%s: wrong numbers" % r["name"])
        for who in ("ordinary", "liveness"):
            if r.get(who + "_failed") or r.get(who + "_slowest_s", 0) > PROMPT:
                found.append("%s: %s answered in %.1f s (%d failed)" % (
                    r["name"], who, r[who + "_slowest_s"], r[who + "_failed"]))
        if r["name"] == "deadline" and r["slowest_answer_s"] > deadline + 1:
            found.append("deadline: answered after %.1f s, the deadline is %d s" % (r["slowest_answer_s"], deadline))
    return found


def table(results):
    lines = ["| attack | answers | 5xx | died | heap: most in use, live after | slowest answer | s per body byte"
             " | ordinary, liveness: slowest |",
             "|---|---|---:|---|---:|---:|---:|---|"]
    for r in results:
        statuses = ", ".join("%s × %d" % (s, n) for s, n in sorted(r["statuses"].items(), key=str))
        watch = ("%.2f s, %.2f s" % (r["ordinary_slowest_s"], r["liveness_slowest_s"])
                 if "ordinary_slowest_s" in r else "")
        lines.append("| %s | %s | %d | %s | %d MB, %d MB | %.2f s | %.1e | %s |" % (
            r["name"], statuses, r["errors_5xx"], "yes" if r["died"] else "no", r["heap_in_use_most_mb"],
            r["heap_live_after_mb"],
            r["slowest_answer_s"], r["seconds_per_body_byte"], watch))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default=None)
    parser.add_argument("--quick", action="store_true", help="the fast attacks only")
    parser.add_argument("--no-fail", action="store_true", help="report, but exit 0 (to measure an old version)")
    parser.add_argument("--only", default=None, help="the attacks of these names, separated by commas")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "attack.json"))
    args = parser.parse_args()
    jar = args.jar or sorted(glob.glob(str(ROOT / "target" / "gradient-service-*.jar")))[0]
    (ROOT / "target").mkdir(exist_ok=True)
    attacks = [a for a in ATTACKS if (a[4] or not args.quick) and (not args.only or a[0] in args.only.split(","))]

    results, deaths = [], 0
    server = Server(jar)
    server.start()
    try:
        results += run(attacks, server)
    finally:
        server.stop()
        deaths += server.deaths
    deadline = 2
    if args.only and "deadline" not in args.only.split(","):
        return finish(args, jar, results, deaths, deadline)
    server = Server(jar, ["--gradient.limits.compute-deadline=%ds" % deadline,
                          "--gradient.limits.descent-deadline=5s", "--spring.lifecycle.timeout-per-shutdown-phase=10s"])
    server.start()
    try:
        results += run([DEADLINE_ATTACK], server)
    finally:
        server.stop()
        deaths += server.deaths

    return finish(args, jar, results, deaths, deadline)


def finish(args, jar, results, deaths, deadline):
    report = {"jar": os.path.basename(jar), "jvm": "-Xmx512m -XX:+ExitOnOutOfMemoryError", "quick": args.quick,
              "deaths": deaths, "attacks": results}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    print(table(results))
    found = failures(results, deadline)
    for f in found:
        print("FAIL  " + f)
    if found and not args.no_fail:
        sys.exit(1)


if __name__ == "__main__":
    main()
