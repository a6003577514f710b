"""Which links input may carry: transcripts and the registry alike (pure)."""

from __future__ import annotations

from urllib.parse import urlsplit

#: The URL schemes a link from input may have.
SCHEMES = frozenset({"http", "https", "mailto"})


def safe_url(url: str) -> bool:
    """An absolute http or https URL with a host, or a mailto URL.

    The URL is taken as it will be used: character references must have
    been decoded already (``&#106;avascript:`` is ``javascript:``).
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    return scheme in SCHEMES and (scheme == "mailto" or bool(parts.netloc))
