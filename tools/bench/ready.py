#!/usr/bin/env python3
"""How soon the daemon takes exports, as the launcher starts it: from the fork to both listeners accepting.

usage: tools/bench/ready.py DIST_A [DIST_B] [RUNS]   (after `mvn -B -q package -DskipTests`)
  DIST_*: unpacked distributions; with two, their starts alternate (A B A B ...). RUNS each (default 10).
Each start gets a fresh HOME (so a new store), free loopback ports and no transcripts import; each
distribution keeps one cache folder, whose start-up cache a first, unmeasured start trains (about a
minute at low priority, waited for). Both ports are polled every 2 ms; the CPU is the daemon's own at
that moment (/proc/PID/stat). Prints each start, then the medians.
"""
import os, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def accepts(port):
    with socket.socket() as s:
        s.settimeout(0.05)
        try:
            s.connect(("127.0.0.1", port))
            return True
        except OSError:
            return False

def start(dist, cache):
    """One start: (ms until gRPC accepts, ms until HTTP accepts, CPU ms by then)."""
    home = tempfile.mkdtemp(prefix="ccotel-ready-")
    grpc, http = free_port(), free_port()
    env = {"HOME": home, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "XDG_CACHE_HOME": cache,
           "CCOTEL_RECEIVER_PORT": str(grpc), "CCOTEL_RECEIVER_HTTP_PORT": str(http), "CCOTEL_IMPORT_AUTO": "false"}
    t0 = time.monotonic()
    p = subprocess.Popen([os.path.join(dist, "bin", "ccotel"), "daemon"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    g = h = None
    while (g is None or h is None) and time.monotonic() - t0 < 30 and p.poll() is None:
        if g is None and accepts(grpc):
            g = (time.monotonic() - t0) * 1000
        if h is None and accepts(http):
            h = (time.monotonic() - t0) * 1000
        time.sleep(0.002)
    try:
        stat = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
        cpu = (int(stat[11]) + int(stat[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    except OSError:
        cpu = float("nan")
    p.send_signal(signal.SIGTERM)
    p.wait()
    shutil.rmtree(home, ignore_errors=True)
    if g is None or h is None:
        sys.exit(f"{dist}: the daemon did not take connections on both ports within 30 s")
    return g, h, cpu

def main():
    args = sys.argv[1:]
    runs = int(args.pop()) if args and args[-1].isdigit() else 10
    dists = [os.path.abspath(d) for d in args] or sys.exit(__doc__)
    caches = [tempfile.mkdtemp(prefix="ccotel-ready-cache-") for _ in dists]
    for dist, cache in zip(dists, caches):  # the first start trains the cache
        start(dist, cache)
        for _ in range(180):
            if any(f.endswith(".aot") or f.endswith(".jsa") for f in os.listdir(os.path.join(cache, "ccotel"))) \
                    and not any(f.endswith(".making") for f in os.listdir(os.path.join(cache, "ccotel"))):
                break
            time.sleep(1)
    results = {d: [] for d in dists}
    for r in range(runs):
        for name, dist, cache in zip("AB", dists, caches):
            g, h, cpu = start(dist, cache)
            results[dist].append((max(g, h), g, h, cpu))
            print(f"{name} {r}: both {max(g, h):.0f} ms (gRPC {g:.0f}, HTTP {h:.0f}), CPU {cpu:.0f} ms", flush=True)
            time.sleep(0.5)
    for name, dist in zip("AB", dists):
        both, g, h, cpu = zip(*results[dist])
        print(f"{name} {dist}: both ports median {statistics.median(both):.0f} ms ({min(both):.0f}-{max(both):.0f}),"
              f" gRPC {statistics.median(g):.0f}, HTTP {statistics.median(h):.0f}, CPU {statistics.median(cpu):.0f} ms")
    for cache in caches:
        shutil.rmtree(cache, ignore_errors=True)

main()
