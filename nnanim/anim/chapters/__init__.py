"""Lecture chapters: each one entry point ``play_<chapter>(scene, run, ...)`` for scene files.

Every chapter builds on the primitives of ``nnanim.anim``, never on another chapter, except
``experiment``, which is the sequence training → inside → wide layer that every experiment of
every lecture shows.
"""
