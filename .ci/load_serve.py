"""Load test of `corridor serve`: 32 clients, each on its own keep-alive HTTP/1.1 connection, run
the example queries (queries/*.rq, GET /sparql, Accept: application/sparql-results+json) for
LOAD_SECONDS (default 20) while one more client sends a deliberately expensive query over and over.
The server runs with --query-timeout 2 and --max-concurrent 64, so the expensive query must end in
408s while every normal query is answered 200 with the row count `corridor query` gives.

usage: load_serve.py CORRIDOR_BINARY STORE_DIR

Prints a table (requests, p50/p99 latency, errors per query) and a last line of JSON with the
figures. Exits 1 if a normal query got anything but a correct 200, if the expensive query never got
a 408, or if the server does not exit 0 within 30 s of SIGTERM. Also reported: whether the server
is idle once the load stops (timed-out queries really stopped) and how long it took to exit.
Loopback only; bounded by LOAD_TIMEOUT seconds (default 120).
"""

import csv
import http.client
import io
import json
import math
import os
import queue
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

if len(sys.argv) != 3:
    sys.exit(__doc__)
corridor, store = sys.argv[1], sys.argv[2]
REPO = Path(__file__).resolve().parent.parent
CLIENTS = 32
DURATION = float(os.environ.get("LOAD_SECONDS", "20"))
TIMEOUT = int(os.environ.get("LOAD_TIMEOUT", "120"))
QUERY_TIMEOUT = 2
SHUTDOWN_WAIT = 30
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?s2 ?p2 ?o2 . ?s3 ?p3 ?o3 }"
ACCEPT = "application/sparql-results+json"


class GlobalTimeout(BaseException):
    pass


def on_alarm(signum, frame):
    raise GlobalTimeout(f"load_serve.py exceeded its {TIMEOUT} s limit")


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def start_server(log):
    cmd = [corridor, "--store", store, "serve", "--bind", "127.0.0.1:0",
           "--query-timeout", str(QUERY_TIMEOUT), "--max-concurrent", "64"]
    env = {k: v for k, v in os.environ.items() if k != "CORRIDOR_TOKEN"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, env=env, text=True)
    first = queue.Queue()

    def drain():
        for i, line in enumerate(proc.stdout):
            if i == 0:
                first.put(line)
        first.put(None)

    threading.Thread(target=drain, daemon=True).start()
    return proc, first


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def diagnose(pid, port):
    """What a server that does not stop is doing: its threads' states, CPU, open connections."""
    try:
        states = Counter()
        for task in Path(f"/proc/{pid}/task").iterdir():
            stat = (task / "stat").read_text()
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            states[f"{name}:{stat.rsplit(')', 1)[1].split()[0]}"] += 1
        cpu = cpu_seconds(pid)
        conns = subprocess.run(["ss", "-tn", "state", "all", f"( sport = :{port} )"],
                               capture_output=True, text=True).stdout.count("\n") - 1
        return f"threads {dict(states)}, {cpu:.1f} s CPU so far, {conns} TCP sockets on the port"
    except (OSError, ValueError) as e:
        return f"(no diagnosis: {e})"


class Client:
    """One keep-alive connection; counts the TCP connections it had to open."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.sockets = 0
        self.sock = None

    def get(self, path):
        t0 = time.perf_counter()
        try:
            self.conn.request("GET", path, headers={"Accept": ACCEPT})
            if self.conn.sock is not self.sock:
                self.sock = self.conn.sock
                self.sockets += 1
            r = self.conn.getresponse()
            body = r.read()
            if r.getheader("connection", "").lower() == "close":
                self.conn.close()
            return r.status, body, time.perf_counter() - t0
        except (OSError, http.client.HTTPException) as e:
            self.conn.close()
            return type(e).__name__, b"", time.perf_counter() - t0

    def close(self):
        self.conn.close()


def main():
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(TIMEOUT)

    # The example queries and the row count `corridor query` gives for each.
    queries = []
    for q in sorted((REPO / "queries").glob("*.rq")):
        out = subprocess.run([corridor, "--store", store, "query", "--format", "csv", "--file",
                              str(q)], check=True, capture_output=True, text=True,
                             timeout=60).stdout
        rows = len(list(csv.reader(io.StringIO(out, newline="")))) - 1
        queries.append((q.stem, "/sparql?" + urlencode({"query": q.read_text()}), rows))
    expensive_path = "/sparql?" + urlencode({"query": EXPENSIVE})

    log = tempfile.NamedTemporaryFile(prefix="load-serve-", suffix=".log", delete=False)
    proc, first = start_server(log)
    try:
        line = first.get(timeout=30) or ""
        m = re.fullmatch(r"listening on http://127\.0\.0\.1:(\d+)", line.rstrip("\r\n"))
        if not m:
            raise RuntimeError(f"first stdout line is {line!r}; stderr: "
                               f"{Path(log.name).read_text(errors='replace')[-500:]!r}")
        port = int(m.group(1))
        print(f"server on 127.0.0.1:{port} with --query-timeout {QUERY_TIMEOUT} "
              f"--max-concurrent 64; {CLIENTS} clients + 1 expensive for {DURATION:g} s")

        # Every query answers once before the clock starts.
        warm = Client(port)
        for name, path, rows in queries:
            status, body, _ = warm.get(path)
            got = len(json.loads(body)["results"]["bindings"]) if status == 200 else None
            if got != rows:
                raise RuntimeError(f"warm-up {name}: status {status}, {got} rows instead of "
                                   f"{rows}: {body[:300]!r}")
        warm.close()

        samples = defaultdict(list)          # query name -> latencies (s) of correct answers
        errors = defaultdict(Counter)        # query name -> what went wrong -> count
        expensive = Counter()                # status -> count
        expensive_latency = []
        sockets = []
        ends = []                            # when each normal client stopped
        lock = threading.Lock()
        start = time.monotonic()
        deadline = start + DURATION
        go = threading.Event()

        def normal(i):
            client = Client(port)
            mine, bad = defaultdict(list), defaultdict(Counter)
            k = i
            go.wait()
            while time.monotonic() < deadline:
                name, path, rows = queries[k % len(queries)]
                k += 1
                status, body, dt = client.get(path)
                if status != 200:
                    bad[name][str(status)] += 1
                    continue
                try:
                    n = len(json.loads(body)["results"]["bindings"])
                except (ValueError, KeyError, TypeError):
                    bad[name]["invalid JSON"] += 1
                    continue
                if n != rows:
                    bad[name][f"{n} rows instead of {rows}"] += 1
                    continue
                mine[name].append(dt)
            client.close()
            with lock:
                ends.append(time.monotonic())
                for name, v in mine.items():
                    samples[name].extend(v)
                for name, c in bad.items():
                    errors[name].update(c)
                sockets.append(client.sockets)

        def heavy():
            client = Client(port)
            go.wait()
            while time.monotonic() < deadline:
                status, _, dt = client.get(expensive_path)
                with lock:
                    expensive[str(status)] += 1
                    expensive_latency.append(dt)
            client.close()

        threads = [threading.Thread(target=normal, args=(i,), daemon=True) for i in range(CLIENTS)]
        threads.append(threading.Thread(target=heavy, daemon=True))
        for t in threads:
            t.start()
        start = time.monotonic()
        deadline = start + DURATION
        go.set()
        for t in threads:
            t.join(timeout=max(1.0, deadline + 45 - time.monotonic()))
        elapsed = (max(ends) if ends else time.monotonic()) - start
        stuck = sum(t.is_alive() for t in threads)

        # Are the timed-out expensive queries really stopped? The server should be idle now.
        busy = None
        if Path(f"/proc/{proc.pid}/stat").exists():
            time.sleep(1.0)
            c0, t0 = cpu_seconds(proc.pid), time.monotonic()
            time.sleep(2.0)
            busy = (cpu_seconds(proc.pid) - c0) / (time.monotonic() - t0)
            if busy > 0.5:
                print(f"note 1-3 s after the load, the server still keeps {busy:.1f} cores busy: "
                      f"{diagnose(proc.pid, port)}")

        # Stop the server: SIGTERM, exit 0 (graceful: it may finish what runs, within 30 s).
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=SHUTDOWN_WAIT)
        except subprocess.TimeoutExpired:
            code = f"still running {SHUTDOWN_WAIT} s after SIGTERM"
            print(f"the server did not exit within {SHUTDOWN_WAIT} s of SIGTERM: "
                  f"{diagnose(proc.pid, port)}")
        shutdown = time.monotonic() - t0
        if shutdown > 5:
            print(f"note the server took {shutdown:.1f} s to exit after SIGTERM")
    finally:
        signal.alarm(0)
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    log_lines = sum(1 for line in Path(log.name).read_text(errors="replace").splitlines()
                    if line.startswith("GET "))
    os.unlink(log.name)

    latencies = sorted(v for vs in samples.values() for v in vs)
    n_errors = sum(sum(c.values()) for c in errors.values())
    normal_requests = len(latencies) + n_errors
    total_expensive = sum(expensive.values())
    n408 = expensive.get("408", 0)

    print(f"\n{'query':<24} {'requests':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'errors':>7}")
    for name, _, _ in queries:
        v = sorted(samples[name])
        e = sum(errors[name].values())
        print(f"{name:<24} {len(v) + e:>9} {percentile(v, 50) * 1000:>8.1f} "
              f"{percentile(v, 99) * 1000:>8.1f} {(v[-1] if v else float('nan')) * 1000:>8.1f} "
              f"{e:>7}")
    print(f"{'all normal queries':<24} {normal_requests:>9} "
          f"{percentile(latencies, 50) * 1000:>8.1f} {percentile(latencies, 99) * 1000:>8.1f} "
          f"{(latencies[-1] if latencies else float('nan')) * 1000:>8.1f} {n_errors:>7}")
    el = sorted(expensive_latency)
    print(f"{'expensive (cross product)':<24} {total_expensive:>9} "
          f"{percentile(el, 50) * 1000:>8.1f} {percentile(el, 99) * 1000:>8.1f} "
          f"{(el[-1] if el else float('nan')) * 1000:>8.1f}   statuses {dict(expensive)}")
    for name, c in errors.items():
        if c:
            print(f"errors in {name}: {dict(c)}")
    throughput = normal_requests / elapsed if elapsed else 0.0
    print(f"\n{normal_requests + total_expensive} requests in {elapsed:.1f} s; normal queries "
          f"{throughput:.0f} req/s; {sum(sockets)} TCP connections for {CLIENTS} clients; "
          f"{log_lines} GET lines in the server log; server exit status {code} "
          f"{shutdown:.1f} s after SIGTERM")

    figures = {
        "clients": CLIENTS, "duration_s": round(elapsed, 2),
        "total_requests": normal_requests + total_expensive,
        "normal_requests": normal_requests,
        "throughput_rps": round(throughput, 1),
        "p50_ms": round(percentile(latencies, 50) * 1000, 2) if latencies else None,
        "p99_ms": round(percentile(latencies, 99) * 1000, 2) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies) * 1000, 2) if latencies else None,
        "errors": n_errors,
        "expensive_requests": total_expensive, "expensive_408": n408,
        "expensive_statuses": dict(expensive),
        "connections": sum(sockets), "stuck_threads": stuck, "exit_status": code,
        "busy_cores_after_load": None if busy is None else round(busy, 2),
        "shutdown_s": round(shutdown, 1),
    }
    problems = []
    if n_errors:
        problems.append(f"{n_errors} normal queries failed")
    if n408 < 1:
        problems.append("the expensive query never got a 408")
    if stuck:
        problems.append(f"{stuck} client threads still waiting")
    if code != 0:
        problems.append(f"server after SIGTERM: {code}")
    if busy is not None and busy > 0.5:
        problems.append(f"{busy:.2f} cores still busy after the load: timed-out queries kept running")
    if not latencies:
        problems.append("no normal query answered")
    for p in problems:
        print(f"FAIL {p}")
    if not problems:
        print("ok   load test passed")
    print(json.dumps(figures, sort_keys=True))
    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (Exception, GlobalTimeout) as e:  # noqa: BLE001
        print(f"FAIL load_serve.py: {type(e).__name__}: {e}")
        sys.exit(1)
