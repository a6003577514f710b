"""Builds of the test roots: links, contexts, tooltips, back-links, warnings."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


def soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def body(app: SphinxTestApp, page: str) -> BeautifulSoup:
    found = soup(app, page).select_one('div[role="main"]') or soup(app, page).body
    assert found is not None
    return found


def auto_links(node: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in node.select("span.autoglossary > a")]


# --------------------------------------------------------------------------- MyST


@pytest.mark.sphinx("html", testroot="autoglossary-myst")
def test_myst_links_whole_words_variants_and_contexts(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    main = body(app, "page")
    assert auto_links(main) == [
        "Keras",
        "PyTorch",
        "Pytorch",  # a new paragraph
        "torch seven",  # hidden alias
        "NeRFs",  # plural
        "fast.ai",  # alias with a dot
        "KerasCV",  # not "Keras" + "CV"
        "Keras",
        "DINO",  # "dino" in prose is left alone
        "CUDA",
        "Hugging Face Transformers",  # longest wins
        "Hugging Face",
        "Keras",  # first paragraph of the dialogue turn only
    ]
    # Every automatic link points at the glossary entry.
    hrefs = {a["href"] for a in main.select("span.autoglossary > a")}
    assert all(href.startswith("glossary.html#term-") for href in hrefs)

    # Headings, rubrics, captions, code, links and no-autolink: no link.
    for selector in ("h1", "p.rubric", "div.code-block-caption", "pre", "code", "div.no-autolink"):
        for element in main.select(selector):
            assert not element.select("span.autoglossary"), selector
    assert main.select_one('a[href="https://keras.io"]').get_text() == "Keras docs"
    turn = main.select_one("div.autoglossary-scope")
    assert [len(p.select("span.autoglossary")) for p in turn.select("p")] == [1, 0]


@pytest.mark.sphinx("html", testroot="autoglossary-myst")
def test_explicit_term_reference_takes_precedence(app: SphinxTestApp) -> None:
    app.build()
    last = body(app, "page").select("p")[-1]
    assert "explicit" in last.get_text()
    links = last.select("a.reference")
    assert len(links) == 1  # the explicit one; "Keras again" stays plain text
    assert links[0].select_one("span.std-term").get_text() == "Keras"
    assert "autoglossary-link" not in links[0].select_one("span")["class"]


@pytest.mark.sphinx("html", testroot="autoglossary-myst")
def test_tooltips_markup_and_assets(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "page")
    wrappers = page.select("span.autoglossary")
    assert wrappers
    ids = []
    for wrapper in wrappers:
        link, tip = wrapper.select_one("a"), wrapper.select_one("span.autoglossary-tip")
        assert tip["role"] == "tooltip"
        assert link["aria-describedby"] == tip["id"]
        ids.append(tip["id"])
    assert len(ids) == len(set(ids))
    first = wrappers[0]
    assert first.select_one("a").get_text() == "Keras"
    assert first.select_one("span.autoglossary-tip").get_text() == (
        "A high-level deep learning API. It runs on several backends."
    )
    # The short definition is the first paragraph only (not the home link).
    pytorch = next(w for w in wrappers if w.select_one("a").get_text() == "PyTorch")
    assert "pytorch.org" not in pytorch.get_text()

    head = str(page.head)
    assert "_static/autoglossary.css" in head
    assert "_static/autoglossary.js" in head
    css = (app.outdir / "_static" / "autoglossary.css").read_text(encoding="utf-8")
    assert "var(--color-background-primary" in css
    assert "var(--color-foreground-primary" in css
    assert ":focus-within" in css
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(", css), "hard-coded colour"
    js = (app.outdir / "_static" / "autoglossary.js").read_text(encoding="utf-8")
    assert "http" not in js  # nothing fetched


@pytest.mark.sphinx("html", testroot="autoglossary-myst")
def test_glossary_hides_aliases_and_lists_backlinks(app: SphinxTestApp) -> None:
    app.build()
    glossary = body(app, "glossary")
    headwords = [dt.get_text().strip().rstrip("¶").strip() for dt in glossary.select("dt")]
    assert headwords[:3] == ["PyTorch", "Keras", "KerasCV"]
    text = glossary.get_text()
    assert "pi torch" not in text and "torch seven" not in text
    # No automatic link on a headword, nor from a definition to itself.
    for dt in glossary.select("dt"):
        assert not dt.select("span.autoglossary")

    entry = glossary.select_one("dt#term-PyTorch").find_next_sibling("dd")
    backlinks = entry.select_one("p.autoglossary-backlinks")
    assert backlinks.get_text() == (
        "Mentioned in: Other page (1 mention) and Interview about Keras (4 mentions)."
    )
    assert [a["href"] for a in backlinks.select("a")] == [
        "other.html#autoglossary-other-pytorch",
        "page.html#autoglossary-page-pytorch",
    ]
    # The targets exist, placed before the first mention on each page.
    first = soup(app, "page").select_one("#autoglossary-page-pytorch")
    assert first is not None
    assert first.find_next_sibling("span").select_one("a").get_text() == "PyTorch"
    assert soup(app, "other").select_one("#autoglossary-other-pytorch") is not None


@pytest.mark.sphinx("latex", testroot="autoglossary-myst")
def test_latex_links_and_backlinks(app: SphinxTestApp) -> None:
    app.build()
    tex = (app.outdir / "autoglossary-myst.tex").read_text(encoding="utf-8")
    assert r"\hyperref[\detokenize{glossary:term-PyTorch}]" in tex
    assert r"\label{\detokenize{page:autoglossary-page-pytorch}}" in tex
    assert (
        r"Mentioned in: {\hyperref[\detokenize{other:autoglossary-other-pytorch}]"
        r"{\sphinxcrossref{Other page}}} (1 mention) and "
        r"{\hyperref[\detokenize{page:autoglossary-page-pytorch}]"
        r"{\sphinxcrossref{Interview about Keras}}} (4 mentions)."
    ) in tex
    assert "autoglossary-tip" not in tex


@pytest.mark.sphinx(
    "latex", testroot="autoglossary-myst",
    confoverrides={"latex_documents": [("page", "page.tex", "Page", "Me", "howto")]},
)
def test_latex_book_without_the_glossary_shows_the_terms_unlinked(app: SphinxTestApp) -> None:
    """A book that leaves the glossary out has no address for it: the terms
    are text, as Sphinx shows a reference it cannot resolve, and nothing fails."""
    app.build()
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "page.tex").read_text(encoding="utf-8")
    assert r"\DUrole{autoglossary-link}{PyTorch}" in tex
    assert r"\detokenize{glossary:" not in tex


@pytest.mark.sphinx("text", testroot="autoglossary-myst")
def test_text_builder_gets_backlinks(app: SphinxTestApp) -> None:
    app.build()
    text = " ".join((app.outdir / "glossary.txt").read_text(encoding="utf-8").split())
    assert "Mentioned in: Other page (2 mentions) and Interview about Keras (1 mention)." in text


# --------------------------------------------------------------------------- reST


@pytest.mark.sphinx("html", testroot="autoglossary-rst", confoverrides={"nitpicky": True})
def test_rst_links_and_contexts(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    chat = body(app, "chat")
    assert auto_links(chat) == ["Keras", "pi torch", "Pytorch", "MOOC", "Weights and Biases"]
    for label in chat.select("span.no-autolink"):
        assert label.find_parent("span", class_="autoglossary") is None
        assert not label.select("a")
    essay = body(app, "essay")
    assert auto_links(essay) == ["Keras", "Keras"]  # the paragraph, then a table cell
    for selector in ("h1", "p.rubric", "caption", "pre"):
        for element in essay.select(selector):
            assert not element.select("span.autoglossary"), selector
    explicit = [
        a.get_text()
        for a in essay.select("a.reference.internal span.std-term")
        if "autoglossary-link" not in a["class"]
    ]
    assert explicit == ["PyTorch", "Weights & Biases"]
    # "PyTorch again" follows an explicit reference in the same paragraph.
    assert "story; PyTorch again" in essay.get_text()


@pytest.mark.parametrize(
    ("density", "expected"),
    [
        ("every", ["Keras", "pi torch", "PyTorch", "Pytorch", "PyTorch", "pytorch", "MOOC",
                   "Weights and Biases", "wandb"]),
        ("paragraph", ["Keras", "pi torch", "Pytorch", "MOOC", "Weights and Biases"]),
        ("page", ["Keras", "pi torch", "MOOC", "Weights and Biases"]),
    ],
)
def test_density(make_app, density: str, expected: list[str], tmp_path) -> None:
    import shutil

    src = tmp_path / "src"
    shutil.copytree(ROOT / "tests" / "roots" / "test-autoglossary-rst", src)
    app = make_app("html", srcdir=src, confoverrides={"autoglossary_density": density})
    app.build()
    assert auto_links(body(app, "chat")) == expected


@pytest.mark.sphinx(
    "html", testroot="autoglossary-rst", confoverrides={"autoglossary_density": "often"}
)
def test_invalid_density_warns_and_falls_back(app: SphinxTestApp) -> None:
    app.build()
    assert (
        "WARNING: autoglossary_density must be one of 'every', 'paragraph', 'page', "
        "not 'often'; using 'paragraph' [autoglossary.config]"
    ) in app.warning.getvalue()
    assert auto_links(body(app, "chat"))[:3] == ["Keras", "pi torch", "Pytorch"]


@pytest.mark.sphinx(
    "html", testroot="autoglossary-rst", confoverrides={"autoglossary_enabled": False}
)
def test_disabled(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    assert auto_links(body(app, "chat")) == []
    assert not body(app, "glossary").select("p.autoglossary-backlinks")


# --------------------------------------------------------------------------- warnings


@pytest.mark.sphinx("html", testroot="autoglossary-warnings")
def test_warnings_with_type_and_location(app: SphinxTestApp) -> None:
    app.build()
    glossary = app.srcdir / "glossary.rst"
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in app.warning.getvalue().splitlines()]
    assert lines == [
        f"{glossary}:22: WARNING: glossary term 'TORCH7' collides with 'Torch7' of 'Torch7'; "
        "term not linked [autoglossary.clash]",
        f"{glossary}:26: WARNING: headword 'Pytorch' of glossary term 'Lua Torch' collides with "
        "'PyTorch' of 'PyTorch'; headword not linked [autoglossary.clash]",
        f"{glossary}:17: WARNING: alias 'pytorch' of glossary term 'Torch7' collides with "
        "'PyTorch' of 'PyTorch'; alias ignored [autoglossary.alias]",
        f"{glossary}:18: WARNING: aliases declared for unknown glossary term 'Caffe' "
        "[autoglossary.alias]",
        f"{glossary}:25: WARNING: glossary term 'Lua Torch' is not mentioned in any document "
        "[autoglossary.unused]",
        f"{glossary}:12: WARNING: glossary term 'PyTorch' is not mentioned in any document "
        "[autoglossary.unused]",
        f"{glossary}:9: WARNING: glossary term 'Theano' is not mentioned in any document "
        "[autoglossary.unused]",
    ]
    # "torch" (the valid alias) links to Torch7 in the page.
    assert auto_links(body(app, "index")) == ["Torch7"]


@pytest.mark.sphinx("html", testroot="autoglossary-warnings")
def test_clashing_entry_gets_no_links_and_no_backlinks(app: SphinxTestApp) -> None:
    app.build()
    glossary = body(app, "glossary")

    def backlinks(term_id: str) -> str | None:
        paragraph = glossary.select_one(f"dt#{term_id}").find_next_sibling("dd").select_one(
            "p.autoglossary-backlinks"
        )
        return paragraph.get_text() if paragraph else None

    # TORCH7 would be found where Torch7 is: the page's mentions are Torch7's alone.
    assert backlinks("term-Torch7") == "Mentioned in: Warnings (2 mentions)."
    assert backlinks("term-TORCH7") is None
    index = body(app, "index")
    assert {a["href"] for a in index.select("span.autoglossary > a")} == {"glossary.html#term-Torch7"}


MYST_WARNINGS = """\
# Glossary

```{glossary}
DINO
  A self-supervised training method.

Dino
  A second entry with the same letters.
```

Some text.

```{glossary-aliases}
DINO: dino v1
no colon here
Caffe: caffe
```
"""


def test_myst_warnings_are_located(make_app, tmp_path) -> None:
    """MyST numbers directive content from the directive: the lines are still the page's."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_transcripts.glossary"]\nsuppress_warnings = ["autoglossary.unused"]\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text(MYST_WARNINGS, encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    page = src / "index.md"
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in app.warning.getvalue().splitlines()]
    assert lines == [
        f"{page}:15: WARNING: glossary-aliases: expected 'Term: alias, alias', got 'no colon here' "
        "[autoglossary.alias]",
        f"{page}:7: WARNING: glossary term 'Dino' collides with 'DINO' of 'DINO'; term not linked "
        "[autoglossary.clash]",
        f"{page}:16: WARNING: aliases declared for unknown glossary term 'Caffe' [autoglossary.alias]",
    ]


@pytest.mark.sphinx(
    "html",
    testroot="autoglossary-warnings",
    confoverrides={"suppress_warnings": ["autoglossary.unused"]},
)
def test_unused_warning_can_be_silenced(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "autoglossary.unused" not in warnings
    assert warnings.count("[autoglossary.alias]") == 2
    assert warnings.count("[autoglossary.clash]") == 2


@pytest.mark.sphinx(
    "html",
    testroot="autoglossary-warnings",
    confoverrides={"suppress_warnings": ["autoglossary"]},
)
def test_all_warnings_can_be_silenced(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
