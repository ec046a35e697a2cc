"""The drawing side of nnanim (manim): primitives here, lecture chapters in ``chapters``.

Primitives draw what the numeric side computed and know nothing of any lecture: the views
(``plane``, ``space3d``), the films and their ``player``, ``motion`` (redraws and copy-free
fades), the ``side`` column, ``chart``, ``counter``, ``equations``, ``softmax_overlay``, the
camera (``raster``), ``layout`` and the ``lecture`` scene base class. A chapter strings
primitives into a part of a lecture; chapters do not borrow from one another.
"""
