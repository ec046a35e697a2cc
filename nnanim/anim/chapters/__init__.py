"""Lecture chapters: each one entry point ``play_<chapter>(scene, run, ...)``.

Every chapter builds on the primitives of ``nnanim.anim``, never on another chapter; the
sequences of chapters that every lecture tells the same way are ``nnanim.anim.storyboards``.
"""
