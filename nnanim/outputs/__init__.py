"""What a render writes besides its frames: subtitles, the slide deck, joined lecture videos and
GIFs. Plain file formats, no manim."""
