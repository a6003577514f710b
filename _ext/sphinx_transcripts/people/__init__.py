"""Where labels become people, and people are shown.

``registry`` (the speaker registry's format, pure), ``load`` (loading it into the
build), ``lookups`` (which entries each page used); ``labels`` and ``cast`` (who
each label of a transcript is); ``avatars`` (generated ones, and the registry's
re-drawn by ``svg_safety`` and ``raster_safety``); ``links`` (links
to the people page), ``byline``, ``appearances`` (who appears where, per page)
and ``page`` (the people page and the ``person`` role).
"""
