"""Where a turn becomes a node.

``elements`` (the doctree nodes of a dialogue), ``doctree`` (the parsed
transcript as a ``dialogue`` tree), ``chapters`` (where chapters go among the
turns), ``markup`` and ``markdown_subset`` (a turn's text through the closed,
inert markup subset).
"""
