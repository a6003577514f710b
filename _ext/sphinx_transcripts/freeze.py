"""``python -m sphinx_transcripts.freeze [SOURCEDIR]``: write each page's map
of old turn addresses (:mod:`.legacy`) beside it.

Turns were once addressed by their place (``#turn-37``); now by what they
are.  Run this once on a site published with the old addresses, before
editing any transcript, and commit the ``<page>.anchors.toml`` files: old
links then keep landing on the turn they meant, whatever is edited later.
Run it again after removing turns: an entry whose turn is gone is written
pointing at the turn it now lands on (the one that followed it).

It is one Sphinx build of the project (the dummy builder, nothing written
but the maps), with ``transcripts_freeze_anchors`` on.
"""

from __future__ import annotations

import sys
import tempfile

from sphinx.cmd.build import build_main


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] in (["-h"], ["--help"]) or len(args) > 1:
        print(__doc__)
        return 0 if args[:1] in (["-h"], ["--help"]) else 2
    source = args[0] if args else "."
    with tempfile.TemporaryDirectory() as out:
        return build_main(["-b", "dummy", "-E", "-q", "-j", "1", "-d", f"{out}/doctrees",
                           "-D", "transcripts_freeze_anchors=1", source, out])


if __name__ == "__main__":
    sys.exit(main())
