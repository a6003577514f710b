"""Which links input may carry: transcripts and the registry alike (pure).

The one rule for "is this a link": :func:`web_url` (an absolute http or https
URL with a host: media, chapter links and images, what the feed files carry)
and :func:`safe_url` (those, or a mailto URL: links in a turn's text, a
person's home page).  Every module that asks calls one of these two.
"""

from __future__ import annotations

from urllib.parse import urlsplit

#: The URL schemes a link from input may have.
SCHEMES = frozenset({"http", "https", "mailto"})


#: The schemes of a link to a page or a file on the web.
WEB_SCHEMES = frozenset({"http", "https"})


def _scheme_and_host(url: str) -> tuple[str, bool]:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "", False
    return parts.scheme.lower(), bool(parts.netloc)


def web_url(url: str) -> bool:
    """An absolute http or https URL with a host."""
    scheme, host = _scheme_and_host(url)
    return scheme in WEB_SCHEMES and host


def toctree_address(target: str) -> bool:
    """A toctree entry that is an address, not a document: Sphinx's own rule
    (a scheme, then ``://``), or a mailto link."""
    scheme, _ = _scheme_and_host(target)
    return "://" in target or scheme == "mailto"


def safe_url(url: str) -> bool:
    """An absolute http or https URL with a host, or a mailto URL.

    The URL is taken as it will be used: character references must have
    been decoded already (``&#106;avascript:`` is ``javascript:``).
    """
    scheme, _ = _scheme_and_host(url)
    return web_url(url) or scheme == "mailto"
