"""What the extension keeps per document in the environment.

Each kind of record is a dict by document name, kept as one attribute of the
build environment (so it is pickled with it and reaches the next build).
:class:`PerDocumentCollector` keeps such a dict exact the way Sphinx's own
collectors do: a document's record is dropped when the document is read
again, and copied back from the ``-j`` readers that read it.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any, ClassVar

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector


def records(env: BuildEnvironment, attribute: str) -> dict[str, Any]:
    """The dict kept as ``env.<attribute>``, made on first use."""
    found: dict[str, Any] | None = env.__dict__.get(attribute)
    if found is None:
        found = {}
        setattr(env, attribute, found)
    return found


class PerDocumentCollector(EnvironmentCollector):
    """Purges and merges the records kept as ``env.<attribute>``;
    subclasses fill them in (``process_doc``) and say which attribute."""

    attribute: ClassVar[str]

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        records(env, self.attribute).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        theirs = records(other, self.attribute)
        ours = records(env, self.attribute)
        for docname in docnames:
            if docname in theirs:
                ours[docname] = theirs[docname]
