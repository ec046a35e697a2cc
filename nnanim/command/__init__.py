"""The ``nnanim`` command line and what only it uses: running manim in child processes, one
progress bar over them, lectures rendered chapter by chapter, the gallery, checked paths."""
