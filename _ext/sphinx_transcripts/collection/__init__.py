"""Pages as a collection: ``cards`` (the ``collection`` directive) and ``neighbours``
(pages whose previous/next links changed are written again).
"""
