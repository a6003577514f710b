"""What lives for the whole build is out of the garbage collector's sight
while the pages are read and written (_ext/site_layer/garbage.py), and is
given back to it when the build ends."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from conftest import SITE_LAYER_CONF

PROBE = '''
import gc

seen = {"reading": [], "writing": []}

def setup(app):
    app.connect("doctree-read", lambda app, doctree: seen["reading"].append(gc.get_freeze_count()))
    app.connect("html-page-context",
                lambda app, page, template, context, doctree: seen["writing"].append(gc.get_freeze_count()))
    return {"parallel_read_safe": True}
'''


def build(make_app, tmp_path: Path, layer: bool) -> tuple[dict[str, list[int]], dict[str, str]]:
    src = tmp_path / ("with" if layer else "without")
    src.mkdir()
    (src / "probe.py").write_text(PROBE, encoding="utf-8")
    extensions = ["myst_parser", "site_layer", "probe"] if layer else ["myst_parser", "probe"]
    (src / "conf.py").write_text(
        SITE_LAYER_CONF + f"import sys\nsys.path.insert(0, {str(src)!r})\nextensions = {extensions!r}\n",
        encoding="utf-8")
    names = [f"page{n}" for n in range(4)]
    (src / "index.md").write_text("# Archive\n\n```{toctree}\n" + "\n".join(names) + "\n```\n", encoding="utf-8")
    for name in names:
        (src / f"{name}.md").write_text(f"# {name}\n\nWhat {name} says.\n", encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    seen = sys.modules.pop("probe").seen
    pages = {p.name: p.read_text(encoding="utf-8").split('<article role="main"')[-1]
             for p in sorted(Path(app.outdir).glob("page*.html"))}
    return seen, pages


def test_the_build_s_lasting_objects_are_frozen_while_pages_are_read_and_written(make_app,
                                                                               tmp_path: Path) -> None:
    seen, pages = build(make_app, tmp_path, layer=True)
    assert len(seen["reading"]) == 5 and len(seen["writing"]) >= 5  # and genindex, search
    # the modules and configuration from the first page read on, the environment too when writing
    assert min(seen["reading"]) > 10_000
    assert min(seen["writing"]) > min(seen["reading"])
    assert gc.get_freeze_count() == 0  # given back when the build ended
    assert "What page2 says." in pages["page2.html"]


def test_without_the_layer_nothing_is_frozen(make_app, tmp_path: Path) -> None:
    seen, pages = build(make_app, tmp_path, layer=False)
    assert set(seen["reading"]) == set(seen["writing"]) == {0}
    assert "What page2 says." in pages["page2.html"]
