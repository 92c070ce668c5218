"""Job functions of the RQ measurements (imported by dotted name in the worker and work horse)."""
import time

from rq import get_current_job

WARMUP = 0  # set by rq_measure.py from LAT_WARMUP before the worker starts


def noop(i):
    return None


def record_start(i, t_us, key):
    """Latency probe: pushes (now - enqueue time) in ms onto a Redis list; the monotonic clock
    (CLOCK_MONOTONIC) is the one the producer used, as for the Node measurements."""
    started = time.monotonic_ns() // 1000
    if i >= WARMUP:
        get_current_job().connection.rpush(key, (started - t_us) / 1000)
