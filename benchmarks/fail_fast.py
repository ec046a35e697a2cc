"""How fast a mistake is reported: figures the test suite checks by outcome, not by clock.

Run: ``python benchmarks/fail_fast.py``. Three cases, median of 5 runs each:
a bad argument to ``train`` with a huge epoch count (refused before a network is built),
the slowest of the fuzzing documents of ``tests/test_hardening.py``'s kind (one broken field),
and ``nnanim render bad.toml`` as a whole process (Python start-up included).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from nnanim.core.experiment_file import experiment_from_document
from nnanim.errors import NnanimError
from nnanim.core.model import Architecture
from nnanim.core.train import MAX_EPOCHS, TrainSpec, train


def median_seconds(call, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        try:
            call()
        except NnanimError:
            pass
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    X, y = np.zeros((4, 2)), np.array([0, 1, 2, 1])
    arch = Architecture.from_table([(2, "tanh")])
    bad_labels = median_seconds(lambda: train(X, y, arch, TrainSpec(epochs=MAX_EPOCHS)))
    documents = [
        {"layers": [[2, value]], "data": {"generator": "blobs"}}
        for value in ("tahn", 3, None, "x" * 10_000, [1] * 1000)
    ]
    path = Path("fuzz.toml")
    slowest = max(median_seconds(lambda d=d: experiment_from_document(d, path))
                  for d in documents)
    with tempfile.TemporaryDirectory() as folder:
        bad = Path(folder) / "bad.toml"
        bad.write_text('layers = [[2, "tahn"]]\n[data]\ngenerator = "swissroll"\n')
        command = [sys.executable, "-m", "nnanim.command.cli", "render", str(bad)]
        process = median_seconds(lambda: subprocess.run(command, capture_output=True))
    print(f"train() refuses bad labels (epochs={MAX_EPOCHS}):   {1000 * bad_labels:8.1f} ms")
    print(f"slowest broken experiment document:          {1000 * slowest:8.1f} ms")
    print(f"nnanim render bad.toml, whole process:       {1000 * process:8.1f} ms")


if __name__ == "__main__":
    main()
