#!/usr/bin/env python3
"""How long an 8 kB write + fdatasync takes (a commit's WAL flush) while another thread writes
plain buffered data at a given rate (table pages, broker logs), on the disk holding DIR.

Usage: python3 bench/pipeline/fsync-under-load.py [MB/s of background writes] [seconds] [DIR]
       (defaults 40 40 bench/pipeline/target). Writes up to 2 GB into DIR, and removes it after.
Last line: background_mb_s=<n> fsyncs=<n> p50_ms=<n> p99_ms=<n> p999_ms=<n> max_ms=<n>
"""
import os
import sys
import threading
import time

rate = float(sys.argv[1]) * 1e6 if len(sys.argv) > 1 else 40e6
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 40
directory = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "target")
os.makedirs(directory, exist_ok=True)
background_path = os.path.join(directory, "fsync-under-load.background")
wal_path = os.path.join(directory, "fsync-under-load.wal")
stop = threading.Event()


def background_writer():
    """Buffered 1 MB writes, never fsynced: the kernel decides when they reach the disk."""
    fd = os.open(background_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    chunk = b"x" * (1 << 20)
    start, written = time.time(), 0
    try:
        while not stop.is_set():
            if written < (time.time() - start) * rate:
                os.write(fd, chunk)
                written += len(chunk)
                if written % (2 << 30) == 0:
                    os.lseek(fd, 0, os.SEEK_SET)  # stay within 2 GB
            else:
                time.sleep(0.005)
    finally:
        os.close(fd)


writer = threading.Thread(target=background_writer)
writer.start()
fd = os.open(wal_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
block = b"w" * 8192
latencies = []
try:
    end = time.time() + seconds
    i = 0
    while time.time() < end:
        os.pwrite(fd, block, (i % 2048) * 8192)  # a 16 MB file, like a WAL segment
        t = time.perf_counter()
        os.fdatasync(fd)
        latencies.append((time.perf_counter() - t) * 1000)
        i += 1
        time.sleep(0.003)  # ~300 commits a second
finally:
    stop.set()
    writer.join()
    os.close(fd)
    for path in (background_path, wal_path):
        os.remove(path)

latencies.sort()
n = len(latencies)
print("background_mb_s=%.0f fsyncs=%d p50_ms=%.1f p99_ms=%.1f p999_ms=%.1f max_ms=%.1f" % (
    rate / 1e6, n, latencies[n // 2], latencies[int(n * 0.99)], latencies[int(n * 0.999)], latencies[-1]))
