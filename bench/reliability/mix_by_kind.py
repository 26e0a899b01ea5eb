#!/usr/bin/env python3
"""The soak's mix (bench/wrk/mixed.lua) taken apart, for RELIABILITY.md: for each jar in turn, starts it as
soak.py does (1 GiB heap, 1 MB body limit), warms it up on the whole mix for 15 s, then runs wrk (16
connections, 12 s each) on the whole mix, the mix without its two heavy kinds, and each heavy kind alone
(`large`, a 600 KB body of 30,000 parameters; `oversized`, a 1.3 MB body over the limit), and the course's
request alone. Jars measured side by side in one call share the machine's state, which runs on different
days do not.

    python3 bench/reliability/mix_by_kind.py --jar BEFORE.jar --jar target/gradient-service-*.jar
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import soak  # noqa: E402

LIGHT = ("course,batch,trace,check,jacobian,forward,course-cbor,malformed,nan,wrong-count,bad-label,overflow,"
         "unknown-field,text,nowhere")
RUNS = (("whole mix", None), ("without large and oversized", LIGHT), ("large", "large"),
        ("oversized", "oversized"), ("course", "course"))


def measure(jar):
    soak.JAR = jar
    server = soak.start_server("1g", ["gradient.limits.max-body-size=1MB"])
    try:
        soak.wrk(16, 15)
        return {name: soak.wrk(16, 12, kinds)["rps"] for name, kinds in RUNS}
    finally:
        server.terminate()
        server.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", action="append", required=True)
    parser.add_argument("--out")
    args = parser.parse_args()
    soak.write_bodies(1 << 20)
    results = {}
    for jar in args.jar:
        results[jar] = measure(jar)
        print(jar, json.dumps({k: round(v) for k, v in results[jar].items()}), flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
