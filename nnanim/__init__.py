"""nnanim: lecture videos that show what a tiny neural network does to 2-D data.

The numeric core (``data``, ``model``, ``train``, ``trajectory``, ``cache``, ``experiments``,
``geometry``) never imports manim, so it is fast to test. Only ``nnanim.anim`` and the files in
``scenes/`` draw.
"""

__version__ = "0.1.0"
