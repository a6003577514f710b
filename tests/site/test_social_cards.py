"""Link-preview cards are drawn once per content (_ext/site_layer/cards.py).

A build into a new output folder with the same doctree folder copies the
cards it drew before; a page whose card shows something new gets a new card;
the cards have the pixels opengraph's own drawing gives them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import matplotlib.image
import pytest
from conftest import ROOT, SITE_LAYER_CONF
from PIL import Image

CONF = SITE_LAYER_CONF + (
    'project = "Archive"\n'
    'extensions = ["myst_parser", "sphinxext.opengraph", "site_layer"]\n'
    'ogp_site_url = "https://example.org/"\n'
    f'ogp_social_cards = {{"enable": True, "font": "DejaVu Sans", "image_mini": {str(ROOT / "_static" / "logo.png")!r}}}\n'
)


def write(src: Path, titles: dict[str, str]) -> None:
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    names = [n for n in titles if n != "index"]
    (src / "index.md").write_text(f"# {titles['index']}\n\nThe first page.\n\n```{{toctree}}\n:hidden:\n\n"
                                  + "\n".join(names) + "\n```\n", encoding="utf-8")
    for name in names:
        (src / f"{name}.md").write_text(f"# {titles[name]}\n\nWhat {name} says.\n", encoding="utf-8")


def count_drawings_in(log: str) -> None:
    """Run first by each card worker process (cards.INITIALIZER): every card
    it writes, a figure matplotlib saves or a card drawn in layers whose
    pixels the site layer writes (``cards.write_png``), is a line in *log*."""
    from site_layer import cards as site_cards

    with open(f"{log}.workers", "a", encoding="utf-8") as workers:
        workers.write(f"{os.getpid()}\n")

    def counted(write: Callable[..., None]) -> Callable[..., None]:
        def counted(*args: object, **kwargs: object) -> None:
            with open(log, "a", encoding="utf-8") as lines:
                lines.write(f"{args[0]}\n")
            write(*args, **kwargs)

        return counted

    for module, name in ((matplotlib.image, "imsave"), (site_cards, "write_png")):
        setattr(module, name, counted(getattr(module, name)))


class Draws:
    """Counts the cards written, in the build's process (a -j writer draws its
    own) and in the worker that draws them beside the writing."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
        from site_layer import cards as site_cards

        self.log = log
        self.here = 0
        monkeypatch.setattr(site_cards, "INITIALIZER", (count_drawings_in, (str(log),)))
        for module, name in ((matplotlib.image, "imsave"), (site_cards, "write_png")):
            monkeypatch.setattr(module, name, self.counted(getattr(module, name)))

    @property
    def count(self) -> int:
        in_worker = self.log.read_text(encoding="utf-8").count("\n") if self.log.exists() else 0
        return self.here + in_worker

    @property
    def workers(self) -> list[str]:
        """The worker processes started, by process id."""
        started = Path(f"{self.log}.workers")
        return started.read_text(encoding="utf-8").split() if started.exists() else []

    @property
    def in_worker(self) -> int:
        return self.count - self.here

    def counted(self, write: Callable[..., None]) -> Callable[..., None]:
        def counted(*args: object, **kwargs: object) -> None:
            self.here += 1
            write(*args, **kwargs)

        return counted


def cards(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "_images" / "social_previews").glob("*.png"))}


def image_of(out: Path, page: str) -> str:
    html = (out / f"{page}.html").read_text(encoding="utf-8")
    found = re.search(r'<meta property="og:image" content="https://example\.org/([^"]+)"', html)
    assert found, html[:2000]
    return found[1]


TITLES = {"index": "The archive", "one": "Episode one", "two": "Episode two", "three": "Episode three"}


def test_a_new_output_folder_copies_the_cards_it_drew_before(make_app, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    write(src, TITLES)
    draws = Draws(monkeypatch, tmp_path / "drawn.log")
    app = make_app("html", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    first = cards(Path(app.outdir))
    assert draws.count == len(TITLES) == len(first)
    assert draws.in_worker == len(TITLES)  # drawn beside the writing, not in the build's process
    assert len(draws.workers) == 1 and str(os.getpid()) not in draws.workers
    kept = sorted((Path(app.doctreedir) / "social-cards").glob("*.png"))
    assert sorted(p.read_bytes() for p in kept) == sorted(first.values())
    for page in TITLES:
        assert (Path(app.outdir) / image_of(Path(app.outdir), page)).is_file()

    # the output folder is gone (a clean build of the pages), the doctrees are kept
    shutil.rmtree(app.outdir)
    again = make_app("html", srcdir=src, freshenv=True)
    assert Path(again.doctreedir) == Path(app.doctreedir)
    again.build()
    assert draws.count == len(TITLES)  # nothing drawn
    assert len(draws.workers) == 1  # no worker started for a build that draws nothing
    assert cards(Path(again.outdir)) == first  # the same files, the same bytes, the same names


def test_only_the_card_that_shows_something_new_is_drawn(make_app, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    write(src, TITLES)
    draws = Draws(monkeypatch, tmp_path / "drawn.log")
    app = make_app("html", srcdir=src)
    app.build()
    first = cards(Path(app.outdir))
    shutil.rmtree(app.outdir)
    write(src, {**TITLES, "two": "Episode two, retitled"})
    again = make_app("html", srcdir=src, freshenv=True)
    again.build()
    assert draws.count == len(TITLES) + 1
    now = cards(Path(again.outdir))
    assert len(set(now) - set(first)) == 1
    assert image_of(Path(again.outdir), "two") not in {f"_images/social_previews/{n}" for n in first}
    assert {n: b for n, b in now.items() if n in first} == {n: first[n] for n in now if n in first}


# conf.py's own setup(): whether matplotlib was imported, written when the build ends
TELL_MATPLOTLIB = (
    "\nimport sys as _sys\nfrom pathlib import Path as _Path\n"
    "def setup(app):\n"
    "    app.connect('build-finished', lambda app, exc: (_Path(app.outdir) / 'matplotlib.txt')"
    ".write_text(str('matplotlib' in _sys.modules)))\n"
)


def test_a_build_that_draws_no_card_does_not_import_matplotlib(tmp_path: Path) -> None:
    """matplotlib (seconds of CPU to import) is imported by the worker that
    draws the cards, never by the build's own process: not when cards are
    drawn, not when every card is kept (a new output folder, an incremental
    build)."""
    src = tmp_path / "src"
    write(src, TITLES)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(TELL_MATPLOTLIB)
    doctrees = tmp_path / "doctrees"

    def build(out: Path) -> str:
        result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "-q", "-d",
                                 str(doctrees), str(src), str(out)],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0 and result.stderr == "", result.stderr
        return (out / "matplotlib.txt").read_text(encoding="utf-8")

    # four cards drawn, by the worker: the build's own process never imports matplotlib
    assert build(tmp_path / "first") == "False"
    drawn = cards(tmp_path / "first")
    assert len(drawn) == 4 and all(pixels(tmp_path / "first" / "_images" / "social_previews" / name)[0]
                                   == (1146, 600) for name in drawn)
    assert build(tmp_path / "second") == "False"  # four cards copied
    assert cards(tmp_path / "second") == drawn
    # the page read and written again (newer than the build), its card the same
    written = (tmp_path / "second" / "one.html").stat().st_mtime_ns
    os.utime(src / "one.md", (time.time() + 5, time.time() + 5))
    assert build(tmp_path / "second") == "False"
    assert (tmp_path / "second" / "one.html").stat().st_mtime_ns > written


def pixels(path: Path) -> tuple[tuple[int, int], bytes]:
    with Image.open(path) as image:
        return image.size, image.tobytes()


TEXTS = [
    ("Episode one", "What one says."),
    ("Episode 412: a title long enough to wrap over two lines of the card, and then some more...",
     "A description long enough to wrap, with descenders (gypsy jig), quotes \"like these\", "
     "accents (déjà vu) and a dash \u2014 up to the hundred and fifty-seven characters opengr..."),
    ("", ""),
    ("Ünïcödé and déjà vu", "$x^2$ is not maths here"),
    # wrapped where matplotlib wraps: a word wider than the card, two spaces, a line break, one word
    ("Supercalifragilistic" * 4 + " and  then  two  spaces,\nand a line of its own", "word " * 40),
    ("One", "and " + "a" * 120 + " then a very long word before it and some after it, to wrap again"),
]


@pytest.mark.parametrize("logo", [None, "logo.png"])
def test_cards_drawn_in_layers_have_the_pixels_of_the_whole_figure(tmp_path: Path, logo: str | None) -> None:
    """Over several cards in turn (the background drawn once), with the site's
    settings; with a large logo (drawn whole, the title may reach it) too."""
    from site_layer import cards as site_cards
    from sphinxext.opengraph import _social_cards

    def objects() -> tuple:
        return _social_cards.create_social_card_objects(
            image=ROOT / "_static" / logo if logo else None,
            image_mini=ROOT / "_static" / "logo.png", font="DejaVu Sans")

    ours, theirs = objects(), objects()
    assert site_cards.ORIGINAL_RENDER is not None or site_cards.install is not None
    original = site_cards.ORIGINAL_RENDER or _social_cards.render_social_card
    for number, (title, description) in enumerate(TEXTS):
        a, b = tmp_path / f"ours{number}.png", tmp_path / f"theirs{number}.png"
        site_cards.render_layered(a, "Archive", title, description, "example.org/en/latest/", ours)
        original(b, "Archive", title, description, "example.org/en/latest/", theirs)
        assert pixels(a) == pixels(b), (title, description)


def test_a_card_has_the_pixels_of_opengraphs_own_drawing(make_app, tmp_path: Path) -> None:
    src = tmp_path / "src"
    write(src, TITLES)
    app = make_app("html", srcdir=src)
    app.build()
    from site_layer import cards as site_cards
    from sphinxext.opengraph import _social_cards

    ours = Path(app.outdir) / image_of(Path(app.outdir), "one")
    objects = _social_cards.create_social_card_objects(image_mini=ROOT / "_static" / "logo.png",
                                                       font="DejaVu Sans")
    theirs = tmp_path / "theirs.png"
    site_cards.ORIGINAL_RENDER(theirs, "Archive", "Episode one", "What one says.", "example.org/", objects)
    assert pixels(ours) == pixels(theirs)
    assert pixels(ours)[0] == (1146, 600)


def fail_to_draw_two(log: str) -> None:
    """Run first by the card worker: the card of page two cannot be written."""
    from site_layer import cards as site_cards

    write = site_cards.write_png

    def failing(path: Path | str, *args: object, **kwargs: object) -> None:
        with open(log, "a", encoding="utf-8") as lines:
            lines.write(f"{os.getpid()}\n")
        if "summary_two_" in str(path):
            raise OSError("no room left for the card")
        write(path, *args, **kwargs)

    site_cards.write_png = failing


def test_a_card_the_worker_cannot_draw_is_a_warning_naming_its_page(make_app, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from site_layer import cards as site_cards

    src = tmp_path / "src"
    write(src, TITLES)
    log = tmp_path / "worker.log"
    monkeypatch.setattr(site_cards, "INITIALIZER", (fail_to_draw_two, (str(log),)))
    app = make_app("html", srcdir=src)
    app.build()
    warnings = app.warning.getvalue()
    assert "the social card of page 'two' could not be drawn: no room left for the card" in warnings
    assert "Traceback" not in warnings and warnings.count("WARNING") == 1
    # the build went on: every page written, the other cards drawn and kept, none for two
    out = Path(app.outdir)
    assert all((out / f"{page}.html").is_file() for page in TITLES)
    assert sorted(n.split("_")[1] for n in cards(out)) == ["index", "one", "three"]
    assert len(list((Path(app.doctreedir) / "social-cards").glob("*.png"))) == 3
    assert len(set(log.read_text(encoding="utf-8").split())) == 1  # one worker process, not ours
    assert str(os.getpid()) not in log.read_text(encoding="utf-8").split()


FAIL_ON_THREE = (
    "\ndef _fail(app, pagename, *args):\n"
    "    if pagename == 'three':\n"
    "        raise RuntimeError('the build stops here')\n"
    "def setup(app):\n"
    "    app.connect('html-page-context', _fail, priority=900)\n"
)


def test_a_failed_build_leaves_no_worker_behind(make_app, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    from site_layer import cards as site_cards

    src = tmp_path / "src"
    write(src, TITLES)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(FAIL_ON_THREE)
    draws = Draws(monkeypatch, tmp_path / "drawn.log")
    app = make_app("html", srcdir=src)
    before = set(multiprocessing.active_children())
    with pytest.raises(Exception, match="the build stops here"):
        app.build()
    assert set(multiprocessing.active_children()) <= before  # the worker has ended
    assert str(app.outdir) not in site_cards.Worker._BUILDS
    assert not list(site_cards._LIVE)
    # the worker was started (cards of the pages before three), and it has ended
    assert len(draws.workers) == 1 and draws.here == 0 and draws.in_worker <= 2


def test_a_build_script_without_a_main_guard_is_not_run_again_by_the_worker(tmp_path: Path) -> None:
    """``spawn`` runs a script's ``__main__`` again in the process it starts:
    a script that builds at its top level would build a second time there."""
    src = tmp_path / "src"
    write(src, TITLES)
    runs = tmp_path / "runs.txt"
    script = tmp_path / "build.py"
    script.write_text(
        "import sys\n"
        "from sphinx.cmd.build import main\n"
        f"with open({str(runs)!r}, 'a') as log:\n"
        "    log.write('run\\n')\n"
        f"status = main(['-b', 'html', '-n', '-W', '-q', {str(src)!r}, {str(tmp_path / 'out')!r}])\n"
        "sys.exit(status)\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert runs.read_text(encoding="utf-8") == "run\n"
    assert len(cards(tmp_path / "out")) == len(TITLES)
