"""Source line numbers of directive content, under docutils and MyST alike.

docutils gives a directive's ``content_offset`` as the 0-based line of its
content in the document; MyST gives it relative to the directive's opening
line (and numbers the content lines from 0).  :func:`content_line` is the
one place that knows the difference; the transcript directive uses it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils.parsers.rst import Directive


def content_location(directive: Directive, page: str) -> tuple[str, int]:
    """The file and 1-based line on which *directive*'s content starts.

    MyST gives ``content_offset`` relative to the directive's opening line.
    docutils gives it in its input, which is not the file: ``rst_prolog`` adds
    lines before the page's own, and an included file's lines are its own;
    the content's first item says where it really comes from.  ``page`` is
    the page's file, for content that names none.
    """
    if type(directive.state).__module__.startswith("myst_parser."):
        return page, directive.lineno + directive.content_offset + 1
    if directive.content and directive.content.items:
        where, offset = directive.content.items[0]
        # docutils names an included file relative to the working directory
        # when they share a folder: the warning needs the file's real path
        return (str(Path(where).resolve()) if where and Path(where).is_file() else page), offset + 1
    return page, directive.content_offset + 1


def content_line(directive: Directive) -> int:
    """The 1-based line of the page on which *directive*'s content starts.

    The content's line *i* (counting from 0, blank lines included) is on
    ``content_line(directive) + i``.
    """
    if type(directive.state).__module__.startswith("myst_parser."):
        return directive.lineno + directive.content_offset + 1
    return directive.content_offset + 1
