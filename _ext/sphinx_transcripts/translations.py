"""Text a directive reads as data, translated by the directive, never by the page's parser.

Sphinx translates a page after reading it (``sphinx.transforms.i18n.Locale``):
every message it extracts is looked up in the page's catalogue and the
translation is *parsed again with the page's own parser* (MyST, reST).  For
the page's own prose that is right.  For text that is data (a transcript's
turns, a registry's bios, a glossary's aliases) it would let a catalogue, a
file an outside translator or a translation platform writes, run roles,
directives, raw HTML or includes.  Implementing ``addnodes.translatable`` is
not enough to stop that: the first phase of ``Locale`` parses the
translation of *every* message it finds with the page's parser (to update
section names) before the second phase hands it to
``apply_translated_message``, and that parse runs an ``{include}`` whatever
is then done with its result.

So such text is never a message Sphinx's ``Locale`` sees:

- its nodes are marked ``translatable=False``;
- the directive that reads the data translates it itself, at read time,
  from the page's catalogue (:func:`translations_for`, the ``.mo`` files
  Sphinx compiled and uses), through its own reader (the transcript's inert
  subset), and reports problems of a translation at the catalogue's line
  (:meth:`Translations.where`: the ``.po`` beside the ``.mo``);
- for the gettext builder, which extracts the original messages, the
  directive adds a :class:`message` node per message: it implements
  Sphinx's ``translatable`` protocol, and yields its message only once
  ``Locale`` is done (:class:`ReleaseMessages`), so ``make gettext``
  writes it to the ``.pot`` with its place in the data's own file, and no
  build ever parses its translation with the page's parser.  Only the
  gettext builder's doctrees have them (Sphinx reads those for no other
  builder); every other builder would write nothing of one.

The transcript extension and the glossary load this module as an extension
of its own (``app.setup_extension``), so its transforms are registered once.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata


class message(nodes.Invisible, nodes.Element, addnodes.translatable):  # noqa: N801 - docutils naming
    """One catalogue message of text read as data; attribute ``msgid``.

    Its ``source`` and ``line`` are where the text is written (a transcript
    file's line, a registry's), which ``make gettext`` writes as the
    message's ``#:`` reference.  The node only carries the message: the
    text's own nodes are elsewhere, and the translation is applied by the
    directive that reads the text (see the module's docstring), so
    :meth:`apply_translated_message` does nothing.
    """

    def preserve_original_messages(self) -> None:
        pass  # the original is ``msgid``, which nothing overwrites

    def extract_original_messages(self) -> list[str]:
        # only after Locale: Locale would parse a translation with the page's parser
        return [self["msgid"]] if self.get("released") else []

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        pass  # translated at read time through the text's own reader, never here


def extracting(env: BuildEnvironment) -> bool:
    """Whether this build extracts messages (the gettext builder) rather than translating."""
    builder = getattr(env, "_builder_cls", None)
    return builder is not None and not builder.use_message_catalog


def message_node(msgid: str, source: str, line: int | None) -> message:
    """A :class:`message` for ``msgid``, located where its text is written."""
    node = message(msgid=msgid)
    node.source, node.line = source, line or None
    return node


# -- the catalogues ------------------------------------------------------------------


@dataclass(frozen=True)
class _Stamp:
    mtime_ns: int
    size: int


def _stamp(path: Path) -> _Stamp | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return _Stamp(stat.st_mtime_ns, stat.st_size)


# compiled catalogues and .po line tables, by path; a changed file is read again
_MO: dict[Path, tuple[_Stamp, dict[str, str]]] = {}
_PO: dict[Path, tuple[_Stamp, dict[str, int]]] = {}


def _read_mo(path: Path) -> dict[str, str]:
    stamp = _stamp(path)
    if stamp is None:
        return {}
    cached = _MO.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        with path.open("rb") as file:
            catalog = read_mo(file)
    except Exception:  # noqa: BLE001 - Sphinx's own gettext reader says what is wrong with it
        table: dict[str, str] = {}
    else:
        table = {m.id: m.string for m in catalog
                 if m.id and isinstance(m.id, str) and isinstance(m.string, str)}
    _MO[path] = (stamp, table)
    return table


def _msgstr_lines(path: Path) -> dict[str, int]:
    """The line of each message's ``msgstr`` in a ``.po`` file (empty when it cannot be read)."""
    stamp = _stamp(path)
    if stamp is None:
        return {}
    cached = _PO.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    table: dict[str, int] = {}
    try:
        raw = path.read_bytes()
        with path.open("rb") as file:
            catalog = read_po(file)
    except Exception:  # noqa: BLE001 - a broken .po is Sphinx's warning when it compiles it
        _PO[path] = (stamp, table)
        return table
    lines = raw.split(b"\n")
    for entry in catalog:
        if not entry.id or not isinstance(entry.id, str) or not entry.lineno:
            continue
        # babel gives the msgid's line; the translation is on the msgstr's
        line = entry.lineno
        for index in range(entry.lineno - 1, min(len(lines), entry.lineno + 10_000)):
            if lines[index].lstrip().startswith(b"msgstr"):
                line = index + 1
                break
        table[entry.id] = line
    _PO[path] = (stamp, table)
    return table


@dataclass
class Translations:
    """The translations of one page's catalogue: its ``.mo`` files, in the
    order Sphinx reads them (the first that has a message gives it)."""

    files: list[Path]
    tables: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.tables:
            self.tables = [_read_mo(path) for path in self.files]

    def get(self, msgid: str) -> str | None:
        """The translation of ``msgid`` as the catalogue has it, or None
        (not in it; a message left empty is not in a compiled catalogue)."""
        for table in self.tables:
            found = table.get(msgid)
            if found is not None:
                return found
        return None

    def where(self, msgid: str) -> tuple[str, int]:
        """The file and line of ``msgid``'s translation: the line of its
        ``msgstr`` in the ``.po`` file beside the ``.mo`` that gave it, or
        the ``.mo`` file and 0 when there is no such ``.po`` (or it no
        longer has the message)."""
        for path, table in zip(self.files, self.tables, strict=True):
            if msgid in table:
                po = path.with_suffix(".po")
                line = _msgstr_lines(po).get(msgid, 0)
                return (str(po), line) if line else (str(path), 0)
        return "", 0


def translations_for(env: BuildEnvironment, docname: str) -> Translations | None:
    """The catalogue Sphinx translates ``docname`` with, or None when it is
    not translated (no ``language``, no catalogue, or a gettext build).

    The same files ``Locale`` reads: ``<locale_dir>/<language>/LC_MESSAGES/
    <domain>.mo`` of every ``locale_dirs`` entry, the domain being the
    document's (``gettext_compact``), compiled by Sphinx before reading.
    Sphinx re-reads a document when its ``.mo`` changes.
    """
    config = env.config
    if not config.language or extracting(env):
        return None
    domain = docname_to_domain(docname, config.gettext_compact)
    files: list[Path] = []
    for directory in config.locale_dirs:
        found = gettext.find(domain, str(Path(env.srcdir, directory)), [config.language], all=True)
        files.extend(Path(path) for path in found)
    if not files:
        return None
    return Translations(files)


# -- the message nodes through the build ------------------------------------------------


class ReleaseMessages(SphinxTransform):
    """Let the gettext builder extract the :class:`message` nodes, once
    ``Locale`` (priority 20) is done with the page."""

    default_priority = 21

    def apply(self, **kwargs: Any) -> None:
        if not extracting(self.env):
            return  # other builds have none: no walk through every page
        for node in self.document.findall(message):
            node["released"] = True


def _skip(translator: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> ExtensionMetadata:
    # every builder writes nothing of one (only the gettext builder's doctrees
    # have them, and Sphinx refuses to read those for another builder: no walk
    # through every page to drop them)
    skip = (_skip, None)
    app.add_node(message, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_transform(ReleaseMessages)
    return {"version": "builtin", "parallel_read_safe": True, "parallel_write_safe": True}
