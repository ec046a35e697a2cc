"""The course: the lectures' chapters as data (``lectures``) and every sentence on screen, in
English and Japanese (``captions``)."""
