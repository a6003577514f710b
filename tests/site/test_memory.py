"""An archive's pages are not all held in memory between reading and writing
(_ext/site_layer/memory.py): Sphinx's caches of read doctrees and of loaded
pickles stay empty, and every page is written whole all the same."""

from __future__ import annotations

from pathlib import Path

from conftest import SITE_LAYER_CONF

PROBE = '''
seen = {}

def setup(app):
    def read(app, doctree):
        seen.setdefault("largest", 0)
        seen["largest"] = max(seen["largest"], len(app.env._write_doc_doctree_cache))

    def updated(app, env):
        seen["after reading"] = len(env._write_doc_doctree_cache)
        return []

    def finished(app, exception):
        seen["loaded, kept"] = len(app.env._pickled_doctree_cache)

    app.connect("doctree-read", read, priority=900)
    app.connect("env-updated", updated, priority=900)
    app.connect("build-finished", finished)
    return {"parallel_read_safe": True}
'''


def project(src: Path, memory: bool) -> None:
    src.mkdir()
    (src / "probe.py").write_text(PROBE, encoding="utf-8")
    layer = '"site_layer", ' if memory else ""
    (src / "conf.py").write_text(
        SITE_LAYER_CONF + f"import sys\nsys.path.insert(0, {str(src)!r})\n"
        f'extensions = ["myst_parser", {layer}"probe"]\n', encoding="utf-8")
    names = [f"page{n}" for n in range(5)]
    (src / "index.md").write_text("# Archive\n\n```{toctree}\n" + "\n".join(names) + "\n```\n", encoding="utf-8")
    for name in names:
        (src / f"{name}.md").write_text(f"# {name}\n\nWhat {name} says, in words of its own.\n", encoding="utf-8")


def build(make_app, tmp_path: Path, memory: bool) -> tuple[dict, dict[str, str]]:
    import sys

    src = tmp_path / ("with" if memory else "without")
    project(src, memory)
    app = make_app("html", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    seen = dict(sys.modules["probe"].seen)
    del sys.modules["probe"]
    pages = {p.name: p.read_text(encoding="utf-8").split('<article role="main"')[-1]
             for p in sorted(Path(app.outdir).glob("page*.html"))}
    return seen, pages


def test_no_page_is_held_from_reading_to_writing_and_every_page_is_written(make_app, tmp_path: Path) -> None:
    seen, pages = build(make_app, tmp_path, memory=True)
    assert seen == {"largest": 0, "after reading": 0, "loaded, kept": 0}
    assert sorted(pages) == [f"page{n}.html" for n in range(5)]
    assert "What page3 says, in words of its own." in pages["page3.html"]
    assert "<h1>page3" in pages["page3.html"]


def test_sphinx_on_its_own_holds_every_page_it_read(make_app, tmp_path: Path) -> None:
    """What the site layer changes: without it the probe sees every page held."""
    seen, pages = build(make_app, tmp_path, memory=False)
    assert seen["after reading"] == 6
    assert "What page3 says, in words of its own." in pages["page3.html"]
