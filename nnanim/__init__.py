"""nnanim: lecture videos that show what a tiny neural network does to 2-D data.

Rooms by role: ``core`` (data, networks, training, trajectories, the cache) and ``geometry``
(every stage as exact arrays) never import manim, so they are fast to test; ``anim`` draws;
``course`` holds the lectures and their words; ``studies`` measures; ``outputs`` writes
subtitles, slides and joined videos; ``command`` is the ``nnanim`` command line.
"""

__version__ = "0.1.0"
