"""Lecture chapters: each one entry point ``play_<chapter>(scene, run, ...)``, or, for a chapter
told across sections or in beats a teacher may change, a class (``LiftChapter``;
``InsideChapter``, whose named beats can be reordered or extended).

Every chapter builds on the primitives of ``nnanim.anim``, never on another chapter; the
sequences of chapters that every lecture tells the same way are ``nnanim.anim.storyboards``.
"""
