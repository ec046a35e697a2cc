"""nnanim: lecture videos that show what a tiny neural network does to 2-D data.

Rooms by role: ``core`` (data, networks, training, trajectories, the cache) and ``geometry``
(every stage as exact arrays) never import manim, so they are fast to test; ``anim`` draws;
``course`` holds the lectures and their words; ``studies`` measures; ``outputs`` writes
subtitles, slides and joined videos; ``command`` is the ``nnanim`` command line.

For a scene of your own, ``nnanim`` itself offers a small public API (``__all__``):
``LectureScene``, ``show_training``, ``show_inside``, ``network_film``,
``network_from_torch``, ``checkpoints_from_torch`` and ``NnanimError`` (README: "Your own
network in your own scene").
"""

__version__ = "0.1.0"

# The public API for a scene of your own, loaded on first use: ``import nnanim`` (and the
# ``nnanim`` command) must not pay for manim and torch it may never need.
_PUBLIC = {
    "LectureScene": "nnanim.anim.lecture",
    "show_inside": "nnanim.anim.own",
    "show_training": "nnanim.anim.own",
    "network_film": "nnanim.anim.own",
    "network_from_torch": "nnanim.core.torch_bridge",
    "checkpoints_from_torch": "nnanim.core.torch_bridge",
    "NnanimError": "nnanim.errors",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> object:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'nnanim' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_PUBLIC[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
