"""nnanim's own Sphinx extension: pages made from nnanim itself, so they never drift.

* the lecture pages, one per row of the lecture table (``nnanim.course.lectures``);
* the command line, from the parser the ``nnanim`` command runs (``build_parser``);
* the public API, one entry per name in ``nnanim.__all__``, each with its docstring's example;
* the keys of an experiment file and real error messages, from the reader itself;
* pictures: the frames every lecture (and the tutorial's scene) shows at its beats, rendered
  for real when the build starts, unless ``nnanim_pictures`` is off (``-D nnanim_pictures=0``,
  or ``nnanim docs --fast``), which leaves a note where they would be.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from nnanim.errors import NnanimError

from nnanim_docs import api, command_line, experiment_files, lecture_pages, pictures, shown

log = logging.getLogger(__name__)


def _prepare(app: Sphinx) -> None:
    """Write the lecture pages' stubs, then render whatever pictures are stale."""
    docs = Path(app.srcdir)
    lecture_pages.write_stubs(docs)
    if not app.config.nnanim_pictures:
        return
    try:
        pictures.render_all(docs, shown.pictures_dir(app), app.config.nnanim_jobs, log.info)
    except NnanimError as err:
        raise ExtensionError(f"rendering the documentation's pictures: {err}") from None


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("nnanim_pictures", True, "env", bool)
    app.add_config_value("nnanim_jobs", os.cpu_count() or 1, "", int)
    app.connect("builder-inited", _prepare)
    for module in (api, command_line, experiment_files, lecture_pages, shown):
        module.register(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
