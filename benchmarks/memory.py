"""The peak resident memory of this process image, for the benchmarks' memory bars."""

from __future__ import annotations

import resource
from pathlib import Path


def peak_mb() -> float:
    """VmHWM from /proc/self/status on Linux: the most resident memory since this program started. Not
    ru_maxrss, which Linux keeps across execve: a child started from a big parent (the benchmark after it has
    generated 100,000 responses) would report the parent's size. Elsewhere, ru_maxrss."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
