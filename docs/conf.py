"""Sphinx configuration of nnanim's documentation: ``nnanim docs`` builds it.

Nothing is fetched from the network: the theme (furo) and every page come from this folder,
nnanim itself and the pictures the build renders (``_ext/nnanim_docs``). The pictures take a
few minutes the first time; ``-D nnanim_pictures=0`` (``nnanim docs --fast``) leaves a note
in their place and builds in seconds.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
# Document the nnanim beside this folder, whichever nnanim the Python running Sphinx has.
sys.path.insert(0, str(HERE.parent))

import nnanim  # noqa: E402

project = "nnanim"
author = "nnanim"
copyright = "nnanim"
release = version = nnanim.__version__

extensions = ["sphinx.ext.autodoc", "nnanim_docs"]

root_doc = "index"
exclude_patterns = ["_build"]
templates_path: list[str] = []

# Docstrings are plain reST; the types stay in the signature, as the source writes them.
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
add_module_names = False

html_theme = "furo"
html_title = f"nnanim {release}"
html_static_path = ["_static"]
html_css_files = ["nnanim.css"]
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "light_css_variables": {"color-brand-primary": "#1f6fb2", "color-brand-content": "#1f6fb2"},
    "dark_css_variables": {"color-brand-primary": "#79b8ff", "color-brand-content": "#79b8ff"},
}
pygments_style = "friendly"
pygments_dark_style = "monokai"
