"""Source line numbers of directive content, under docutils and MyST alike.

docutils gives a directive's ``content_offset`` as the 0-based line of its
content in the document; MyST gives it relative to the directive's opening
line (and numbers the content lines from 0).  :func:`content_line` is the
one place that knows the difference; the transcript directive uses it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils.parsers.rst import Directive


def content_line(directive: Directive) -> int:
    """The 1-based line of the page on which *directive*'s content starts.

    The content's line *i* (counting from 0, blank lines included) is on
    ``content_line(directive) + i``.
    """
    if type(directive.state).__module__.startswith("myst_parser."):
        return directive.lineno + directive.content_offset + 1
    return directive.content_offset + 1
