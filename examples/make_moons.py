"""Write moons.csv: two interleaved half circles, the classic 'two moons' toy data set.

    python examples/make_moons.py

Seeded, so the file is the same every time; it is here to show how a CSV of your own
(rows x1,x2,label) is laid out, and it keeps examples/moons.toml reproducible.
"""

from pathlib import Path

import numpy as np

N_PER_CLASS = 100
NOISE = 0.1

rng = np.random.default_rng(0)
angle = rng.uniform(0.0, np.pi, size=(2, N_PER_CLASS))
upper = np.column_stack([np.cos(angle[0]), np.sin(angle[0])])
lower = np.column_stack([1.0 - np.cos(angle[1]), 0.5 - np.sin(angle[1])])
points = np.vstack([upper, lower]) + rng.normal(scale=NOISE, size=(2 * N_PER_CLASS, 2))
labels = np.repeat([0, 1], N_PER_CLASS)
order = rng.permutation(len(labels))
rows = [f"{x1:.3f},{x2:.3f},{label}" for (x1, x2), label in zip(points[order], labels[order])]
Path(__file__).with_name("moons.csv").write_text("x1,x2,label\n" + "\n".join(rows) + "\n")
