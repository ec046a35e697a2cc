"""The exact arrays every frame is drawn from: pure numpy/scipy, no drawing.

* ``linear_path``  ``LinearPath``: ``h → W h`` as named moves (flip, rotate, stretch, lift, ...)
* ``stages``       ``Warp``: any point set at any ``(layer, stage, s)``, native or as displayed;
                   ``equal_logit_plane``: the exact boundary in its last hidden space
* ``views``        ``view_basis``: the axes a layer wider than 3 is shown in
* ``pacing``       ``even_pace``: film time to stage progress, equal motion on screen per frame
* ``grid``         ``grid_lines``: the input plane's grid as dense polylines
* ``softmax``      the logits → ``y1 + y2 = 1`` stage, its boundary and class regions
* ``simplex``      three classes: the triangle ``y1 + y2 + y3 = 1``, its chart, boundaries, regions
* ``classes``      any number of classes: pairwise boundaries ``p_i = p_j`` in input space
* ``boundary``     the ``p = 0.5`` curves and the probability raster, in the plane
* ``clipping``     straight lines and half-planes cut to a box
* ``framing``      ``Box``, robust view boxes, gliding between them, mapping into the scene
"""

from nnanim.geometry.boundary import (
    DecisionField,
    decision_boundary,
    decision_field,
    logit_margin,
    zero_curves,
)
from nnanim.geometry.classes import ClassField, PairBoundary, class_boundaries, class_field
from nnanim.geometry.clipping import clip_line, half_plane
from nnanim.geometry.framing import (
    Box,
    clip_polylines,
    frame_box,
    interpolate_boxes,
    robust_range,
    to_scene,
)
from nnanim.geometry.grid import GridLines, grid_lines, nice_step
from nnanim.geometry.linear_path import SEGMENT_NAMES, LinearPath, Segment
from nnanim.geometry.softmax_line import (
    class_regions,
    probability_segment,
    softmax_boundary,
    softmax_path,
)
from nnanim.geometry.stages import HIDDEN_STAGES, OUTPUT_STAGES, Warp, equal_logit_plane
from nnanim.geometry.views import view_basis

__all__ = [
    "Box",
    "ClassField",
    "DecisionField",
    "GridLines",
    "HIDDEN_STAGES",
    "LinearPath",
    "OUTPUT_STAGES",
    "PairBoundary",
    "SEGMENT_NAMES",
    "Segment",
    "Warp",
    "class_boundaries",
    "class_field",
    "class_regions",
    "clip_line",
    "clip_polylines",
    "decision_boundary",
    "decision_field",
    "equal_logit_plane",
    "frame_box",
    "grid_lines",
    "half_plane",
    "interpolate_boxes",
    "logit_margin",
    "nice_step",
    "probability_segment",
    "robust_range",
    "softmax_boundary",
    "softmax_path",
    "to_scene",
    "view_basis",
    "zero_curves",
]
