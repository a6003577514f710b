"""A translated site: inert like the original, and really translated.

test-i18n is a small site with German catalogues (locales/de/LC_MESSAGES):
interview.po translates a timed interview (turns, chapters), people.po the
registry's bios, glossary.po the glossary, and hostile.po is a translator's
file written to run what a transcript may not (raw HTML, a download, an
include of a file outside the project, a script, a substitution, LaTeX, a
``javascript:`` link).  The root is copied and built with ``language="de"``
(Sphinx compiles the .po files to .mo itself) and in English, and once with
the gettext builder; each test reads those builds.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup, Tag
from conftest import ROOT as REPO
from conftest import latexmk, need, need_latex
from docutils import nodes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts.dialogue import elements
from test_properties import msgstr

ROOT = REPO / "tests" / "roots" / "test-i18n"
CATALOGUES = Path("locales", "de", "LC_MESSAGES")


@dataclass
class Built:
    app: SphinxTestApp
    secret: str

    @property
    def srcdir(self) -> Path:
        return Path(self.app.srcdir)

    @property
    def outdir(self) -> Path:
        return Path(self.app.outdir)

    def warnings(self) -> list[str]:
        return strip_escape_sequences(self.app.warning.getvalue()).splitlines()

    def page(self, docname: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def build(base: Path, builder: str = "html", **overrides: object) -> Built:
    """A copy of test-i18n in ``base/src``, a secret beside it, built."""
    srcdir = base / "src"
    shutil.copytree(ROOT, srcdir)
    secret = f"SECRET-{uuid.uuid4().hex}"
    (base / "secret.txt").write_text(f"Mara Lindqvist: {secret}\n", encoding="utf-8")
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=base / "build", freshenv=True,
                        confoverrides=overrides)
    try:
        app.build()
    finally:
        app.cleanup()
    return Built(app, secret)


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("i18n-de"), language="de")


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("i18n-en"))


@pytest.fixture(scope="module")
def gettext(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("i18n-pot"), "gettext")


# -- where a message's translation is -------------------------------------------------


def msgstr_line(po: Path, msgid: str) -> int:
    """The line of the ``msgstr`` of ``msgid`` in ``po`` (found by reading the file as text)."""
    lines = po.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"msgid {json.dumps(msgid, ensure_ascii=False)}")
    return next(n for n, line in enumerate(lines, 1) if n > start and line.startswith("msgstr"))


def located(warning: str) -> str:
    """``<file>:<line> [<type>.<subtype>]`` of a warning line."""
    where, _, rest = warning.partition(": WARNING: ")
    kind = re.search(r"\[[\w.-]+\]$", rest)
    return f"{where} {kind.group(0) if kind else '[?]'}"


#: hostile.po: the message -> the warnings its translation must give, at its msgstr line
HOSTILE = {
    "The first note is about pictures.": ["transcript.markup", "transcript.markup"],  # <img onerror>, {download}
    "The second note is about downloads.": ["transcript.markup", "transcript.markup"],  # the fence, twice
    "The third note is about scripts.": ["transcript.markup", "transcript.markup"],  # <script>, {{ secret }}
    "The fourth note is about typesetting.": ["transcript.markup"],  # \input
    "The fifth note is about links.": ["transcript.link"],  # javascript:
    "The sixth note was split in two by its translator.": ["transcript.translation"],
}


def test_each_attack_of_a_catalogue_is_a_warning_at_its_line_in_the_catalogue(german: Built) -> None:
    po = german.srcdir / CATALOGUES / "hostile.po"
    wanted = sorted(f"{po}:{msgstr_line(po, msgid)} [{kind}]"
                    for msgid, kinds in HOSTILE.items() for kind in kinds)
    assert sorted(located(w) for w in german.warnings() if w.startswith(str(po))) == wanted


def test_every_warning_of_the_german_build_is_one_of_those(german: Built) -> None:
    po = german.srcdir / CATALOGUES / "hostile.po"
    assert len(german.warnings()) == sum(map(len, HOSTILE.values()))
    assert all(w.startswith(f"{po}:") for w in german.warnings())


def test_no_translation_is_ever_parsed_with_the_pages_parser(german: Built) -> None:
    """MyST would have warned at '<file>:<line>:<translated>' (and read the secret)."""
    log = "\n".join(german.warnings()) + strip_escape_sequences(german.app.status.getvalue())
    assert "<translated>" not in log
    assert "include" not in log.lower().replace("{include}", "")


def live_elements(root: Tag) -> list[str]:
    """What in ``root`` could run or load something: scripts, frames, event
    handlers, a link other than to the web, a mail address or the site."""
    found = []
    for element in root.find_all(True):
        if element.name in ("script", "iframe", "object", "embed", "style", "math", "svg", "form"):
            found.append(element.name)
        if element.name == "img" and "transcript-avatar" not in element.get("class", []):
            found.append(str(element))
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"{element.name}[{name}]")
            if name in ("href", "src", "action", "formaction", "data"):
                scheme = re.match(r"\s*([A-Za-z][\w+.-]*):", str(value))
                if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
                    found.append(f"{element.name}[{name}={value}]")
    return found


def test_the_attacks_are_shown_as_text_and_nothing_of_them_is_live(german: Built) -> None:
    page = german.page("hostile")
    dialogue = page.select_one("div.transcript")
    assert dialogue is not None
    assert live_elements(dialogue) == []
    text = dialogue.get_text()
    for shown in ("Hallo <img src=x onerror=alert(1)> und {download}", "probe.txt",
                  "{include} ../secret.txt", "<script>alert('de')</script> und {{ secret }}",
                  "\\input{/etc/passwd}", "[klick hier](javascript:alert(1))"):
        assert shown in text
    assert "SUBSTITUTED" not in text


def test_no_file_is_published_or_read_for_a_translation(german: Built) -> None:
    assert not (german.outdir / "_downloads").exists()
    assert not [p for p in german.outdir.rglob("*") if p.name == "probe.txt"]
    for path in german.outdir.rglob("*"):
        if path.is_file():
            assert german.secret.encode() not in path.read_bytes(), path
    assert not any("secret" in dep or "probe" in dep
                   for deps in german.app.env.dependencies.values() for dep in map(str, deps))


def test_the_translated_doctree_has_only_the_subsets_nodes(german: Built) -> None:
    doctree = german.app.env.get_doctree("hostile")
    for dialogue in doctree.findall(elements.dialogue):
        for node in dialogue.findall():
            assert not isinstance(node, (nodes.raw, nodes.math, nodes.substitution_reference,
                                         addnodes.download_reference, addnodes.pending_xref,
                                         nodes.image, nodes.literal_block, nodes.system_message)), node


# -- translated, and what is not -----------------------------------------------------------


def turns(built: Built, docname: str) -> list[tuple[str, str, str]]:
    """(speaker, time, text) of every turn of the page."""
    out = []
    page = built.page(docname)
    for tip in page.select(".autoglossary-tip"):  # a glossary link's definition, not the turn's text
        tip.decompose()
    for turn in page.select("div.transcript-turn"):
        speaker = turn.select_one(".transcript-speaker")
        time = turn.select_one("time")
        body = " ".join(p.get_text() for p in turn.select("div.transcript-turn-body > p"))
        out.append((speaker.get_text() if speaker else "", time.get_text() if time else "",
                    " ".join(body.split())))
    return out


def test_turns_are_translated_and_names_roles_and_times_are_not(german: Built, english: Built) -> None:
    de, en = turns(german, "interview"), turns(english, "interview")
    assert [(s, t) for s, t, _ in de] == [(s, t) for s, t, _ in en]
    assert [s for s, _, _ in de] == ["Mara Lindqvist", "Jonas Falk", "Mara Lindqvist", "Jonas Falk"]
    assert de[0][2].startswith("Willkommen in der Werkstatt. Heute sprechen wir über den Gradientenabstieg.")
    assert de[1][2].startswith("Danke, Mara. Ich habe mit einem geliehenen Laptop")
    assert "Später habe ich gelernt" in de[1][2]
    roles = [r.get_text() for r in german.page("interview").select(".transcript-role")]
    assert roles == [r.get_text() for r in english.page("interview").select(".transcript-role")]


def test_a_message_left_empty_shows_the_original(german: Built) -> None:
    de = turns(german, "interview")
    assert de[-1][2] == "Write down every run, even the ones that fail."
    hostile = turns(german, "hostile")
    assert hostile[-1][2] == "The seventh note was left for later."


def test_a_translation_of_two_paragraphs_is_shown_as_one(german: Built) -> None:
    texts = [text for _, _, text in turns(german, "hostile")]
    assert "Die sechste Notiz hat ihr Übersetzer geteilt. Dies ist ihr zweiter Absatz." in texts


def test_chapters_and_bios_are_translated(german: Built, english: Built) -> None:
    titles = [h.get_text().rstrip("¶") for h in german.page("interview").select("section section h2")]
    assert titles == ["Willkommen", "Ratschläge für Einsteiger"]
    # a chapter's address is the same in every language (as Sphinx keeps a translated section's)
    ids = [s["id"] for s in german.page("interview").select("section section")]
    assert ids == [s["id"] for s in english.page("interview").select("section section")]
    assert ids == ["chapter-welcome", "chapter-advice-for-beginners"]
    bios = [p.get_text() for p in german.page("people").select("p.transcript-bio")]
    assert bios == ["Leitet die Werkstatt und stellt die langsamen Fragen.",
                    "Trainiert kleine Modelle auf alten Laptops."]
    names = [h.get_text().rstrip("¶") for h in german.page("people").select("section section h2")]
    assert names == ["Mara Lindqvist", "Jonas Falk"]


def test_glossary_links_reach_the_translated_entries(german: Built) -> None:
    page = german.page("interview")
    links = [(a.get_text(), a["href"]) for a in page.select("div.transcript a.reference")
             if "glossary" in a["href"]]
    # the translated term, and an alias the glossary's catalogue translated
    assert links == [("Gradientenabstieg", "glossary.html#term-Gradient-descent"),
                     ("Schrittweite", "glossary.html#term-Learning-rate")]
    entries = {dt["id"]: dt.get_text().rstrip("¶") for dt in german.page("glossary").select("dt")}
    assert entries == {"term-Gradient-descent": "Gradientenabstieg", "term-Learning-rate": "Lernrate"}
    tips = [tip.get_text() for tip in page.select(".autoglossary-tip")]
    assert tips == ["Ein Verfahren, ein Modell in kleinen Schritten bergab auf seinem Verlust zu trainieren.",
                    "Wie groß jeder Schritt des Gradientenabstiegs ist."]


def test_an_alias_line_left_untranslated_declares_the_translated_terms_aliases(tmp_path: Path) -> None:
    """The English names of translated entries are no terms of their own (no
    'not mentioned' warning for them), and an alias line the catalogue leaves
    empty still declares its aliases, of the translated entry."""
    base = tmp_path / "untranslated-alias"
    shutil.copytree(ROOT, base / "src")
    po = base / "src" / CATALOGUES / "glossary.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Lernrate: Schrittweite"', 'msgstr ""'),
                  encoding="utf-8")
    interview = base / "src" / CATALOGUES / "interview.po"
    interview.write_text(interview.read_text(encoding="utf-8").replace(
        "dass die Schrittweite wichtiger", "dass die step size wichtiger"), encoding="utf-8")
    app = SphinxTestApp("html", srcdir=base / "src", builddir=base / "build", freshenv=True,
                        confoverrides={"language": "de"})
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = strip_escape_sequences(app.warning.getvalue()).splitlines()
    assert [w for w in warnings if "hostile.po" not in w] == []
    page = BeautifulSoup((app.outdir / "interview.html").read_text(encoding="utf-8"), "html.parser")
    assert [(a.get_text(), a["href"]) for a in page.select("div.transcript a.reference")
            if "glossary" in a["href"]] == [("Gradientenabstieg", "glossary.html#term-Gradient-descent"),
                                            ("step size", "glossary.html#term-Learning-rate")]


def test_the_feed_files_are_in_german_and_say_so(german: Built, english: Built) -> None:
    vtt = (german.outdir / "interview.vtt").read_text(encoding="utf-8")
    srt = (german.outdir / "interview.srt").read_text(encoding="utf-8")
    segments = json.loads((german.outdir / "interview.json").read_text(encoding="utf-8"))["segments"]
    chapters = json.loads((german.outdir / "interview.chapters.json").read_text(encoding="utf-8"))
    assert vtt.startswith("WEBVTT\n\n")  # no header WebVTT does not define
    assert "<v Jonas Falk>Danke, Mara. Ich habe mit einem geliehenen Laptop" in vtt
    assert "Mara Lindqvist: Willkommen in der Werkstatt." in srt
    assert segments[0]["body"].startswith("Willkommen in der Werkstatt.")
    assert segments[-1]["body"] == "Write down every run, even the ones that fail."  # left empty
    assert [c["title"] for c in chapters["chapters"]] == ["Willkommen", "Ratschläge für Einsteiger"]
    # the same cues, times and speakers as the original's
    original = json.loads((english.outdir / "interview.json").read_text(encoding="utf-8"))["segments"]
    assert [(s["speaker"], s["startTime"], s["endTime"]) for s in segments] == \
        [(s["speaker"], s["startTime"], s["endTime"]) for s in original]
    links = german.page("interview").select("p.transcript-exports a")
    assert [(a.get_text(), a["hreflang"]) for a in links] == [
        ("VTT", "de"), ("SRT", "de"), ("JSON", "de"), ("JSON", "de")]
    assert {a["hreflang"] for a in english.page("interview").select("p.transcript-exports a")} == {"en"}


def test_the_page_and_its_search_index_are_german(german: Built) -> None:
    assert german.page("interview").html["lang"] == "de"
    # the archive's search (sphinx_transcripts.search): Pagefind's German index, its
    # German stemmer, of the translated words
    search = german.outdir / "_search"
    (shard,) = json.loads((search / "shards.json").read_text(encoding="utf-8"))
    entry = json.loads((search / shard / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["de"]
    assert (search / shard / "wasm.de.pagefind").is_file()
    cache = Path(german.app.doctreedir) / "transcripts-search-html" / f"{shard}.pickle"
    with cache.open("rb") as file:
        records = pickle.load(file)  # noqa: S301 - the build's own file
    assert any("geliehenen" in record.text for record in records["interview"])


def test_the_english_build_is_untouched_by_the_catalogues(english: Built) -> None:
    assert english.warnings() == []
    assert turns(english, "hostile")[0][2] == "The first note is about pictures."


# -- extracting the messages ----------------------------------------------------------------


def pot(built: Built, domain: str) -> list[tuple[list[str], str]]:
    """(locations, msgid) of every message of a .pot file, header aside."""
    out: list[tuple[list[str], str]] = []
    where: list[str] = []
    for block in (built.outdir / f"{domain}.pot").read_text(encoding="utf-8").split("\n\n"):
        where = [loc for line in block.splitlines() if line.startswith("#: ")
                 for loc in line[3:].split()]
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block + "\n", re.M)
        if msgid and where:
            parts = re.findall(r'"(.*)"', msgid.group(1))
            out.append((where, json.loads('"' + "".join(parts) + '"')))
    return out


def test_gettext_extracts_a_message_per_paragraph_at_its_line(gettext: Built) -> None:
    found = [(msgid, [w.rpartition("/")[2] for w in where]) for where, msgid in pot(gettext, "interview")]
    assert found == [
        ("A borrowed laptop", ["interview.md:1"]),
        ("Mara talks with Jonas about patience and step sizes.", ["interview.md:3"]),
        ("Welcome", ["episode.chapters.json:4"]),
        ("Welcome to the workshop. Today we talk about gradient descent. Our guest trains small "
         "models on old laptops.", ["episode.vtt:3"]),
        ("Thanks, Mara. I started with a borrowed laptop and a lot of patience.", ["episode.vtt:10"]),
        ("Later I learned that the step size matters more than the laptop.", ["episode.vtt:14"]),
        ("Advice for beginners", ["episode.chapters.json:5"]),
        ("What would you tell someone starting today?", ["episode.vtt:17"]),
        ("Write down every run, even the ones that fail.", ["episode.vtt:20"]),
    ]
    assert gettext.warnings() == []


def test_names_roles_and_times_are_never_messages(gettext: Built) -> None:
    every = [msgid for domain in ("interview", "hostile", "people") for _, msgid in pot(gettext, domain)]
    for word in ("Mara Lindqvist", "Jonas Falk", "host", "guest", "0:01", "Unknown"):
        assert word not in every
    bios = [(msgid, [w.rpartition("/")[2] for w in where]) for where, msgid in pot(gettext, "people")]
    assert bios == [("People", ["people.md:1"]),
                    ("Hosts the workshop and asks the slow questions.", ["speakers.toml:3"]),
                    ("Trains small models on old laptops.", ["speakers.toml:8"])]


def test_gettext_extracts_the_glossary_with_its_alias_lines(gettext: Built) -> None:
    found = [(msgid, [w.rpartition("/")[2] for w in where]) for where, msgid in pot(gettext, "glossary")]
    assert ("Gradient descent", ["glossary.md:0"]) in found or ("Gradient descent", ["glossary.md:4"]) in found
    assert found[-1] == ("Learning rate: step size", ["glossary.md:12"])


def test_a_gettext_build_in_a_language_extracts_the_originals(tmp_path: Path, german: Built) -> None:
    """With compiled catalogues and a language, the gettext builder still
    never parses a transcript's translation (Sphinx's Locale would)."""
    base = tmp_path / "again"
    srcdir = base / "src"
    shutil.copytree(german.srcdir, srcdir)  # with the .mo files the German build compiled
    (base / "secret.txt").write_text(german.secret, encoding="utf-8")
    assert list((srcdir / CATALOGUES).glob("*.mo"))
    app = SphinxTestApp("gettext", srcdir=srcdir, builddir=base / "build", freshenv=True,
                        confoverrides={"language": "de"})
    try:
        app.build()
    finally:
        app.cleanup()
    built = Built(app, german.secret)
    assert [w for w in built.warnings() if "transcript" in w or "translated" in w] == []
    hostile = [msgid for _, msgid in pot(built, "hostile")]
    assert "The first note is about pictures." in hostile


def is_data(node: nodes.Node) -> bool:
    """Whether ``node`` shows text read as data: a dialogue's, a chapter's
    title, a person's section of the people page."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, elements.dialogue) or (isinstance(parent, nodes.section) and {
                "transcript-chapter", "transcript-person"} & set(parent["classes"])):
            return True
        parent = parent.parent
    return False


def test_no_text_read_as_data_is_a_message_sphinx_translates(english: Built) -> None:
    from sphinx.util.nodes import is_translatable

    seen = 0
    for docname in ("interview", "hostile", "people"):
        for node in english.app.env.get_doctree(docname).findall(nodes.TextElement):
            if is_data(node):
                seen += 1
                assert not is_translatable(node), node
    assert seen > 20


# -- any catalogue at all ---------------------------------------------------------------------

#: Sphinx builds per example: a few in the suite, many under ``make fuzz``
EXAMPLES = 300 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 8
PARAGRAPHS = ("The first thing I tried was the default.", "Then I read the manual.",
              "Now I keep notes of every run.")


def catalogue_root(srcdir: Path, translations: list[str]) -> None:
    """A page with an inline transcript of three paragraphs and a German
    catalogue translating them with ``translations`` (written by babel, so
    any text is a valid .po entry)."""
    (srcdir / CATALOGUES).mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        "extensions = ['myst_parser', 'sphinx_transcripts']\nlocale_dirs = ['locales']\n"
        "myst_enable_extensions = ['dollarmath', 'substitution', 'html_image', 'colon_fence']\n"
        "exclude_patterns = ['_build']\n", encoding="utf-8")
    turns = "\n\n".join(f"{name}: {text}" for name, text in zip(("Ada", "Bo", "Ada"), PARAGRAPHS, strict=True))
    (srcdir / "index.md").write_text(
        f"# Page\n\n```{{transcript}}\n:host: Ada\n:guests: Bo\n\n{turns}\n```\n", encoding="utf-8")
    (srcdir / "probe.txt").write_text("not to be published\n", encoding="utf-8")
    catalog = Catalog(locale="de")
    for msgid, translation in zip(PARAGRAPHS, translations, strict=True):
        catalog.add(msgid, translation)
    with (srcdir / CATALOGUES / "index.po").open("wb") as file:
        write_po(file, catalog)


FORBIDDEN = (nodes.raw, nodes.math, nodes.math_block, nodes.substitution_reference, nodes.image,
             nodes.literal_block, nodes.target, nodes.footnote_reference, nodes.system_message,
             addnodes.download_reference, addnodes.pending_xref)


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(msgstr, min_size=3, max_size=3))
def test_no_catalogue_makes_anything_live(tmp_path_factory: pytest.TempPathFactory,
                                          translations: list[str]) -> None:
    base = tmp_path_factory.mktemp("any-catalogue")
    catalogue_root(base / "src", translations)
    app = SphinxTestApp("html", srcdir=base / "src", builddir=base / "build", freshenv=True,
                        confoverrides={"language": "de"})
    try:
        app.build()
    finally:
        app.cleanup()
    log = strip_escape_sequences(app.status.getvalue() + app.warning.getvalue())
    assert "Traceback" not in log and "<translated>" not in log
    page = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    dialogue = page.select_one("div.transcript")
    assert dialogue is not None and live_elements(dialogue) == []
    assert len(dialogue.select("div.transcript-turn")) == 3
    doctree = app.env.get_and_resolve_doctree("index", app.builder, tags=app.tags)
    assert [n for n in doctree.findall(lambda n: isinstance(n, FORBIDDEN))] == []
    assert not (app.outdir / "_downloads").exists()


# -- the PDF ------------------------------------------------------------------------------


def test_the_pdf_is_set_and_hyphenated_in_german(tmp_path: Path) -> None:
    built = build(tmp_path, "latex", language="de")
    tex = (built.outdir / "werkstatt.tex").read_text(encoding="utf-8")
    # Sphinx's choice for LuaLaTeX: polyglossia, German in its new spelling
    assert "\\usepackage{polyglossia}" in tex and "\\setmainlanguage[spelling=new]{german}" in tex
    assert "Gradientenabstieg" in tex and "Gradient descent" not in tex.split("\\begin{document}")[1]
    need_latex()
    need(subprocess.run(["kpsewhich", "hyph-de-1996.tex"], capture_output=True, check=False).returncode == 0,
         "German hyphenation patterns not installed (texlive-lang-german); run .ci/system-deps --install")
    run = latexmk(built.outdir, "werkstatt.tex")
    assert run.returncode == 0, run.stdout[-3000:]
    log = (built.outdir / "werkstatt.log").read_text(encoding="utf-8", errors="replace")
    # polyglossia lists the language's data (in any order), then loads it
    assert re.search(r"Language data for ngerman\n(?:\(polyglossia\)[^\n]*\n){0,8}?"
                     r"\(polyglossia\)\s+patterns\s+hyph-de-1996\.pat\.txt", log), log[:3000]
    assert "Language ngerman was not yet loaded; created with id" in log
    assert "No hyphenation patterns" not in log
    # the long German words of a turn break at their syllables, with a hyphen
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(built.outdir / "werkstatt.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    broken = re.findall(r"(\w+)-\n\s*(\w+)", text)
    words = {"Versuchsprotokollierungsgewohnheiten", "Hyperparameteroptimierungsläufen",
             "Grafikkartenspeicherverwaltungsproblemen"}
    assert {a + b for a, b in broken} & words, broken


# -- the documented workflow ---------------------------------------------------------------


def test_the_readme_workflow_translates_a_turn(tmp_path: Path) -> None:
    """make gettext, sphinx-intl update -p _build/gettext -l de, a translator's
    msgstr, and the German build shows it (README, "Translate the site")."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir, ignore=shutil.ignore_patterns("locales"))
    pot = SphinxTestApp("gettext", srcdir=srcdir, builddir=tmp_path / "build", freshenv=True)
    try:
        pot.build()
    finally:
        pot.cleanup()
    run = subprocess.run(
        [str(Path(sys.executable).with_name("sphinx-intl")), "update", "-p", str(pot.outdir), "-l", "de"],
        cwd=srcdir, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    po_path = srcdir / CATALOGUES / "interview.po"
    with po_path.open("rb") as file:
        catalog = read_po(file)
    msgid = "Thanks, Mara. I started with a borrowed laptop and a lot of patience."
    assert catalog[msgid] is not None and not catalog[msgid].string
    catalog[msgid].string = "Danke, Mara. Angefangen habe ich mit einem geliehenen Laptop."
    with po_path.open("wb") as file:
        write_po(file, catalog)
    app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "build-de", freshenv=True,
                        confoverrides={"language": "de"})
    try:
        app.build()
    finally:
        app.cleanup()
    assert strip_escape_sequences(app.warning.getvalue()) == ""
    texts = [text for _, _, text in turns(Built(app, ""), "interview")]
    assert texts[1].startswith("Danke, Mara. Angefangen habe ich mit einem geliehenen Laptop.")
    assert texts[0].startswith("Welcome to the workshop.")  # not translated: the original


def test_an_edited_catalogue_is_read_again_on_the_next_build(tmp_path: Path) -> None:
    """Sphinx re-reads a page when its .mo changes; the transcript is then
    translated from the new catalogue, and the other pages are left alone."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "build", confoverrides={"language": "de"})
    try:
        app.build()
        po = srcdir / CATALOGUES / "interview.po"
        text = po.read_text(encoding="utf-8").replace("Danke, Mara.", "Vielen Dank, Mara.")
        po.write_text(text, encoding="utf-8")
        later = time.time() + 5  # newer than the .mo Sphinx compiled, whatever the clock's grain
        os.utime(po, (later, later))
        app.build()
        rebuilt = strip_escape_sequences(app.status.getvalue())
    finally:
        app.cleanup()
    assert "0 added, 1 changed, 0 removed" in rebuilt, rebuilt
    texts = [text for _, _, text in turns(Built(app, ""), "interview")]
    assert texts[1].startswith("Vielen Dank, Mara. Ich habe mit einem geliehenen Laptop")
    vtt = (Path(app.outdir) / "interview.vtt").read_text(encoding="utf-8")
    assert "<v Jonas Falk>Vielen Dank, Mara." in vtt


def test_without_its_po_file_a_catalogue_is_located_at_its_mo_file(tmp_path: Path, german: Built) -> None:
    """A catalogue shipped compiled only: the .mo file and the message are the place."""
    base = tmp_path / "mo-only"
    shutil.copytree(german.srcdir, base / "src")  # with the .mo files the German build compiled
    (base / "src" / CATALOGUES / "hostile.po").unlink()
    app = SphinxTestApp("html", srcdir=base / "src", builddir=base / "build", freshenv=True,
                        confoverrides={"language": "de"})
    try:
        app.build()
    finally:
        app.cleanup()
    mo = base / "src" / CATALOGUES / "hostile.mo"
    warnings = strip_escape_sequences(app.warning.getvalue()).splitlines()
    assert len(warnings) == sum(map(len, HOSTILE.values()))
    for warning in warnings:
        assert warning.startswith(f"{mo}:: WARNING: "), warning  # Sphinx's "file:", no line
        assert f"(catalogue {mo}, message 'The " in warning, warning
    texts = [text for _, _, text in turns(Built(app, ""), "hostile")]
    assert texts[0] == "Hallo <img src=x onerror=alert(1)> und {download}probe.txt"
