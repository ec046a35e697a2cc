"""Studies: what nnanim measures about networks rather than draws.

``chance`` trains an experiment over many seeds (the rates the lectures quote),
``wiser_boundary`` compares networks against the line a person would draw, and
``network_summary`` is the one-page figure of ``nnanim inspect``.
"""
