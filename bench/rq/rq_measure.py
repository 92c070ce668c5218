#!/usr/bin/env python3
"""RQ measurement processes, one mode per run, printing the same records as bench/measure/*.ts.

  rq_measure.py enqueue           N jobs with Queue.enqueue_many, one pipeline per BATCH
  rq_measure.py drain             a burst worker (RQ_WORKER from SYSTEM: rq-simple | rq-fork)
  rq_measure.py latency-worker    an idle worker that stops after LAT_WARMUP + LAT_COUNT jobs
  rq_measure.py latency-producer  enqueues one job at a time at LAT_RATE jobs/s

Env as for the Node processes: SYSTEM, REDIS_URL, QUEUE, N, BATCH, REMOVE (true: result_ttl=0),
TIMEOUT_MS, BASE_USED_MEMORY, LAT_COUNT, LAT_WARMUP, LAT_RATE. Needs RQ 1.13 (Debian python3-rq).
"""
import json
import os
import resource
import signal
import sys
import time

import redis
import rq
from rq import Queue, SimpleWorker, Worker

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_jobs  # noqa: E402  (imported before a fork, so work horses inherit it)

ENV = os.environ
SYSTEM = ENV["SYSTEM"]
N = int(ENV.get("N", "20000"))
BATCH = int(ENV.get("BATCH", "1000"))
REMOVE = ENV.get("REMOVE", "false") == "true"
TIMEOUT_MS = int(ENV.get("TIMEOUT_MS", "180000"))
LAT_COUNT = int(ENV.get("LAT_COUNT", "250"))
LAT_WARMUP = int(ENV.get("LAT_WARMUP", "10"))
LAT_RATE = int(ENV.get("LAT_RATE", "50"))
HZ = os.sysconf("SC_CLK_TCK")


def emit(record):
    print("BENCH_RESULT " + json.dumps(record), flush=True)


def on_deadline(*_):
    emit({"error": f"timed out after {TIMEOUT_MS} ms"})
    os._exit(3)


def cpu_busy_s():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return (sum(v[:8]) - v[3] - v[4]) / HZ


def own_cpu_s():
    a = resource.getrusage(resource.RUSAGE_SELF)
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def mark(conn):
    info = conn.info("all")
    return {"t": time.perf_counter(), "cpu": own_cpu_s(), "busy": cpu_busy_s(), "mem": info["used_memory"],
            "rcpu": info["used_cpu_user"] + info["used_cpu_sys"], "cmds": info["total_commands_processed"]}


def phase(a, b):
    wall = b["t"] - a["t"]
    client, server = b["cpu"] - a["cpu"], b["rcpu"] - a["rcpu"]
    others = max(0.0, (b["busy"] - a["busy"]) - client - server)
    return {"seconds": wall, "client_us": client * 1e6, "redis_us": server * 1e6, "cmds": b["cmds"] - a["cmds"] - 1,
            "mem_before": a["mem"], "mem_after": b["mem"], "others_pct": round(100 * others / (wall * os.cpu_count()), 1)}


def per_job(x, n=N, digits=1):
    return round(x / n, digits)


def enqueue(conn, q):
    result_ttl = 0 if REMOVE else None
    a = mark(conn)
    for start in range(0, N, BATCH):
        datas = [Queue.prepare_data(bench_jobs.noop, args=(i,), result_ttl=result_ttl) for i in range(start, min(N, start + BATCH))]
        with conn.pipeline() as pipe:
            q.enqueue_many(datas, pipeline=pipe)
            pipe.execute()
    p = phase(a, mark(conn))
    emit({"kind": "enqueue", "system": SYSTEM, "version": rq.__version__, "n": N, "batch": BATCH,
          "seconds": p["seconds"], "jobs_per_s": round(N / p["seconds"]),
          "client_cpu_us_per_job": per_job(p["client_us"]), "redis_cpu_us_per_job": per_job(p["redis_us"]),
          "redis_cmds_per_job": per_job(p["cmds"], digits=2),
          "redis_bytes_per_job_queued": round((p["mem_after"] - p["mem_before"]) / N),
          "base_used_memory": p["mem_before"], "others_cpu_pct": p["others_pct"]})


def worker_class():
    return Worker if SYSTEM == "rq-fork" else SimpleWorker


def drain(conn, q):
    from rq.registry import FailedJobRegistry
    w = worker_class()([q], connection=conn)
    a = mark(conn)
    w.work(burst=True, logging_level="WARNING")
    p = phase(a, mark(conn))
    failed = FailedJobRegistry(q.name, connection=conn).count
    base = int(ENV.get("BASE_USED_MEMORY", "0"))
    record = {"kind": "drain", "system": SYSTEM, "version": rq.__version__, "n": N, "concurrency": 1, "remove": REMOVE,
          "seconds": p["seconds"], "jobs_per_s": round(N / p["seconds"]), "completed": N - q.count - failed,
          "rss_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
          "client_cpu_us_per_job": per_job(p["client_us"]), "redis_cpu_us_per_job": per_job(p["redis_us"]),
          "redis_cmds_per_job": per_job(p["cmds"], digits=2),
          "redis_bytes_per_job_kept": round((p["mem_after"] - base) / N) if base > 0 else None,
          "others_cpu_pct": p["others_pct"]}
    if SYSTEM == "rq-fork":  # the largest work horse (one is forked per job)
        record["child_rss_peak_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    emit(record)


def percentile(xs, pct):
    a = sorted(xs)
    if not a:
        return None
    rank = -(-pct * len(a) // 100)  # ceil
    return round(a[min(len(a) - 1, max(0, rank - 1))], 3)


def latency_worker(conn, q):
    key = f"bench:latency:{q.name}"
    conn.delete(key)
    bench_jobs.WARMUP = LAT_WARMUP
    w = worker_class()([q], connection=conn)
    print("BENCH_READY", flush=True)
    w.work(burst=False, max_jobs=LAT_WARMUP + LAT_COUNT, logging_level="WARNING")
    samples = [float(x) for x in conn.lrange(key, 0, -1)]
    conn.delete(key)
    emit({"kind": "latency", "system": SYSTEM, "version": rq.__version__, "rate": LAT_RATE, "concurrency": 1,
          "count": len(samples), "p50_ms": percentile(samples, 50), "p99_ms": percentile(samples, 99),
          "max_ms": round(max(samples), 3) if samples else None,
          "mean_ms": round(sum(samples) / len(samples), 3) if samples else None,
          "rss_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)})


def latency_producer(conn, q):
    key = f"bench:latency:{q.name}"
    total = LAT_WARMUP + LAT_COUNT
    interval = 1.0 / LAT_RATE
    t0 = time.monotonic() + 0.02
    late = 0
    for i in range(total):
        wait = t0 + i * interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        elif wait < -interval:
            late += 1
        q.enqueue(bench_jobs.record_start, i, time.monotonic_ns() // 1000, key)
    emit({"kind": "latency-producer", "system": SYSTEM, "sent": total, "late": late})


MODES = {"enqueue": enqueue, "drain": drain, "latency-worker": latency_worker, "latency-producer": latency_producer}


def main():
    signal.signal(signal.SIGALRM, on_deadline)
    signal.alarm(max(1, TIMEOUT_MS // 1000))
    mode = MODES[sys.argv[1]]
    conn = redis.Redis.from_url(ENV["REDIS_URL"])
    mode(conn, Queue(ENV["QUEUE"], connection=conn))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # reported as an error record, like the Node processes
        emit({"error": f"{type(e).__name__}: {e}"})
        raise
