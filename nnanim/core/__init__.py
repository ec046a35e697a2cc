"""The numeric core: data sets, networks, training, trajectories, experiments and their cache.

Everything a lecture needs before the first frame, in numpy and torch, never manim: ``data``
generates the toy sets, ``model`` runs a network in numpy, ``train`` trains it (through
``torch_bridge``), ``trajectory`` paces its weights for the eye, ``experiments`` and
``experiment_file`` say what to train, ``cache`` keeps it, ``run`` hands it to the scenes.
"""
