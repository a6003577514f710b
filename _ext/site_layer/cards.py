"""Link-preview cards drawn once per content, not once per build.

sphinxext-opengraph draws every page's social card with matplotlib (some
50 to 80 ms of CPU a card: a thousand episodes are a minute) into the output
folder, and draws it again whenever the output folder is new: a clean build,
``make clean``, a new checkout of the build folder.  The card depends only on
what it shows, so this module keeps each card in a cache in the build's
doctree folder (``<doctreedir>/social-cards/``; never in the output), named
by a hash of everything that goes into it: the texts (site name, page title, description, URL), the card
settings, the bytes of its images, the versions of matplotlib and
sphinxext-opengraph.  A page whose card is in the cache gets a copy of it;
only a new or changed card is drawn.  The card's address in the page (its
file name, opengraph's own hash of the texts) is unchanged.

A card that is drawn is drawn in two layers (:func:`render_layered`): what
every card shares once, then each page's title, description and address
over it, its lines wrapped with fewer measurements
(:func:`_wrapped_by_halves`), its glyphs drawn without matplotlib's
per-glyph arithmetic (:func:`_glyphs_drawn_by`), written by
:func:`write_png`: the same pixels as opengraph's own drawing, in some
half of its CPU (BENCHMARKS.md, "Per-page costs, second round").

A card that must be drawn is drawn beside the writing (:class:`Worker`):
in one background process of its own (``spawn``ed: the build has threads),
on the machine's other core, while Sphinx writes the pages on one.  The
main process only works out the card's address and key and hands the
worker paths and texts; at ``build-finished`` it waits for the worker and
keeps the cards drawn in the cache.  A card the worker cannot draw is a
warning naming the page, and the build goes on.  (A page written by a
``-j`` writer process draws its own card, as before.)

matplotlib is imported only when a card is drawn (:class:`LazyCards`),
and then only in the worker:
opengraph imports its drawing module, and with it matplotlib (some seconds
of CPU), when it is loaded, although a build that finds every card it needs
(an incremental build, a build whose cards are all kept) draws none.

The wrapping is of opengraph's module-level functions, which its pinned
version (requirements.txt) calls by name; should a later version change
them, the wrapper steps aside and opengraph draws as it always did.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import concurrent.futures.process  # its exit handler registered before this module's (_cancel_all)
import contextlib
import functools
import hashlib
import importlib
import importlib.metadata
import logging
import multiprocessing
import os
import runpy
import shutil
import struct
import sys
import tempfile
import threading
import types
import weakref
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging

logger = sphinx_logging.getLogger(__name__)

#: bump when the way a card is drawn here changes, so cached cards are drawn anew
CARD_VERSION = "3"

#: where the cards are kept, inside the doctree folder (never in the output)
CACHE = "social-cards"

#: what Pillow is asked for when a card is written: same pixels, faster zlib
PNG_OPTIONS = {"compress_level": 1}

#: opengraph's own drawing of a card, as it was before :func:`install`
ORIGINAL_RENDER: Callable[..., Any] | None = None


#: opengraph's module that draws the cards (and imports matplotlib)
DRAWING = "sphinxext.opengraph._social_cards"

#: the opengraph whose drawing module :class:`LazyCards` stands in for, and
#: what that module gives opengraph's own ``__init__`` (its default settings)
LAZY_FOR = "0.13.0"
DEFAULT_SOCIAL_CONFIG = {"enable": True, "site_url": True, "site_title": True, "page_title": True,
                         "description": True}


class LazyCards(types.ModuleType):
    """Stands in for opengraph's drawing module until a card is drawn.

    opengraph's ``__init__`` takes two names from it when it is imported:
    its default settings (a plain dict, here the same) and
    ``create_social_card``, here a function that imports the real module
    when it is first called.  Any other name asked of the stand-in imports
    the real module too, so a caller sees no difference but the time."""

    def __init__(self) -> None:
        super().__init__(DRAWING)
        self.DEFAULT_SOCIAL_CONFIG = dict(DEFAULT_SOCIAL_CONFIG)

        def create_social_card(*args: Any, **kwargs: Any) -> Any:
            return drawing().create_social_card(*args, **kwargs)

        self.create_social_card = create_social_card

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(drawing(), name)


def drawing() -> types.ModuleType:
    """opengraph's drawing module, imported now if the stand-in holds its place."""
    module = sys.modules.get(DRAWING)
    if isinstance(module, LazyCards):
        del sys.modules[DRAWING]
        module = importlib.import_module(DRAWING)
        if INSTALLED:
            _layer(module)
    return module if module is not None else importlib.import_module(DRAWING)


def defer_matplotlib() -> None:
    """Put :class:`LazyCards` in the place of opengraph's drawing module,
    before opengraph is imported (conf.py loads this layer first), and only
    for the opengraph whose module it knows."""
    if DRAWING in sys.modules or "sphinxext.opengraph" in sys.modules:
        return  # imported already (an earlier build in this process): nothing to save
    try:
        if importlib.metadata.version("sphinxext-opengraph") != LAZY_FOR:
            return
    except importlib.metadata.PackageNotFoundError:
        return
    sys.modules[DRAWING] = LazyCards()


@functools.cache
def _version(distribution: str) -> str:
    """A distribution's version, without importing it."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""


def card_key(inputs: tuple[Any, ...], images: list[Path | None]) -> str:
    """A hash of everything a card is drawn from."""
    digest = hashlib.sha256()
    for part in (CARD_VERSION, _version("matplotlib"), _version("sphinxext-opengraph"), *map(repr, inputs)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for image in images:
        if image is not None and image.is_file():
            digest.update(image.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _images(config_social: dict[str, Any], srcdir: str | Path, html_logo: str | None) -> list[Path | None]:
    """The image files opengraph puts on a card (the logo, the mini image)."""
    logo = config_social.get("image") or html_logo
    mini = config_social.get("image_mini")
    return [Path(srcdir) / logo if logo else None, Path(srcdir) / mini if mini else None]


def address(config_social: dict[str, Any], site_name: str, page_title: str, description: str,
            page_path: str) -> Path:
    """Where opengraph puts a page's card in the output, as it names it
    (sphinxext-opengraph 0.13's ``create_social_card``: a hash of the texts)."""
    digest = hashlib.sha1((site_name + page_title + description + str(config_social)).encode(),
                          usedforsecurity=False).hexdigest()[:8]
    return Path("_images/social_previews") / f'summary_{page_path.replace("/", "_")}_{digest}.png'


#: whether :func:`install` wrapped opengraph (its drawing is then layered when imported)
INSTALLED = False


def _layer(module: types.ModuleType) -> None:
    """opengraph's drawing module draws in layers (:func:`render_layered`)."""
    global ORIGINAL_RENDER
    render = getattr(module, "render_social_card", None)
    if render is None or render is render_layered:
        return
    ORIGINAL_RENDER = render
    module.render_social_card = render_layered  # type: ignore[attr-defined]


def install(app: Sphinx) -> None:
    """Wrap opengraph's card drawing in the cache (HTML builders only)."""
    global INSTALLED
    try:
        from sphinxext import opengraph
    except ImportError:
        return
    module = sys.modules.get(DRAWING)
    if module is None:
        return  # opengraph without its drawing module (no matplotlib): it draws no card
    draw = getattr(opengraph, "create_social_card", None)
    if (draw is None or getattr(draw, "cached_by_content", False)
            or not (isinstance(module, LazyCards) or hasattr(module, "render_social_card"))):
        return  # not opengraph 0.13, or wrapped already (by an earlier Sphinx app of this process)

    def create_social_card(config_social: dict[str, Any], site_name: str, page_title: str,
                           description: str, url_text: str, page_path: str, *, srcdir: str | Path,
                           outdir: str | Path, env: Any, html_logo: str | None = None) -> Path:
        relative = address(config_social, site_name, page_title, description, page_path)
        target = Path(outdir) / relative
        if target.is_file():  # drawn by this build already (or an earlier one into this output)
            return relative
        key = card_key((sorted(config_social.items(), key=str), site_name, page_title, description,
                        url_text, html_logo), _images(config_social, srcdir, html_logo))
        # the build's own doctree folder (several builds may share a process: tests)
        cache = Path(env.doctreedir) / CACHE
        kept = cache / f"{key}.png"
        if kept.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kept, target)
            return relative
        worker = Worker.of(outdir)
        if worker is not None:
            worker.submit(Job(dict(config_social), site_name, page_title, description, url_text,
                              page_path, str(srcdir), str(outdir), html_logo), target, kept)
            return relative
        # a -j writer process (forked from the build): it draws its own card
        drawn: Path = draw(config_social, site_name, page_title, description, url_text, page_path,
                           srcdir=srcdir, outdir=outdir, env=env, html_logo=html_logo)
        if drawn == relative and target.is_file():
            _keep(target, kept)
        return drawn

    create_social_card.cached_by_content = True  # type: ignore[attr-defined]
    opengraph.create_social_card = create_social_card
    INSTALLED = True
    if not isinstance(module, LazyCards):
        _layer(module)


def _keep(target: Path, kept: Path) -> None:
    """A drawn card, copied into the cache."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    # parallel writers may draw the same card: each copies to a file of its own, then renames
    fd, name = tempfile.mkstemp(dir=kept.parent, suffix=".png")
    os.close(fd)
    shutil.copyfile(target, name)
    os.replace(name, kept)


class Job(NamedTuple):
    """What the worker draws a card from: paths and texts, no Sphinx object."""

    config_social: dict[str, Any]
    site_name: str
    page_title: str
    description: str
    url_text: str
    page_path: str
    srcdir: str
    outdir: str
    html_logo: str | None


#: in the worker: the figures opengraph draws on, per card settings (it keeps them on the env)
_WORKER_FIGURES: dict[str, types.SimpleNamespace] = {}


def draw_in_worker(job: Job) -> list[str]:
    """Draw one card (in the worker process): opengraph's drawing, in layers.

    Returns what opengraph warned of while drawing (a missing image), for the
    build to warn of; an exception is the build's warning too."""
    config_social, site_name, page_title, description, url_text, page_path, srcdir, outdir, html_logo = job
    module = drawing()
    _layer(module)
    figures = _WORKER_FIGURES.setdefault(repr((sorted(config_social.items(), key=str), srcdir,
                                               html_logo)), types.SimpleNamespace())
    warned: list[str] = []

    class Told(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warned.append(record.getMessage())

    told = Told(logging.WARNING)
    sphinx_logger = logging.getLogger("sphinx")
    sphinx_logger.addHandler(told)
    try:
        module.create_social_card(config_social, site_name, page_title, description, url_text,
                                  page_path, srcdir=srcdir, outdir=outdir, env=figures,
                                  html_logo=html_logo)
    finally:
        sphinx_logger.removeHandler(told)
    return warned


#: every worker that may still run: ended at the interpreter's exit
_LIVE: weakref.WeakSet[Worker] = weakref.WeakSet()

#: for tests: a function (and its arguments) each worker process runs first
INITIALIZER: tuple[Callable[..., None], tuple[Any, ...]] | None = None


class Worker:
    """One background process that draws a build's cards, one after the other.

    Made when the build's first card must be drawn, by the process that runs
    the build (a ``-j`` writer forked from it draws its own cards); ended at
    ``build-finished``: waited for, or, when the build failed, cancelled."""

    #: per output folder (several builds may share a process: tests), the
    #: process that runs its build and its worker (None until a card is drawn)
    _BUILDS: dict[str, tuple[int, Worker | None]] = {}

    def __init__(self) -> None:
        # spawn, not fork: the build has threads (the search's runner, this pool's own);
        # the worker loads this module as conf.py loads the layer (card_worker.py)
        start = {"SITE_LAYER": str(Path(__file__).parent), "HOOK": INITIALIZER}
        self._pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"),
            initializer=runpy.run_path, initargs=(str(Path(__file__).with_name("card_worker.py")), start))
        self._jobs: list[tuple[concurrent.futures.Future[list[str]], Path, Path, str]] = []
        self._submitted: set[Path] = set()
        _LIVE.add(self)

    @classmethod
    def start(cls, outdir: str | Path) -> None:
        """The build in this process may draw cards (``builder-inited``)."""
        cls._end(str(outdir), failed=True)  # an earlier build into it that never finished
        cls._BUILDS[str(outdir)] = (os.getpid(), None)

    @classmethod
    def of(cls, outdir: str | Path) -> Worker | None:
        """The worker of the build writing into *outdir*, made now if need be;
        None in a process that does not run the build (a ``-j`` writer)."""
        pid, worker = cls._BUILDS.get(str(outdir), (None, None))
        if pid != os.getpid():
            return None
        if worker is None:
            worker = Worker()
            cls._BUILDS[str(outdir)] = (pid, worker)
        return worker

    @classmethod
    def end(cls, outdir: str | Path, failed: bool) -> None:
        """``build-finished``: wait for the cards and keep them, or cancel."""
        cls._end(str(outdir), failed)

    @classmethod
    def _end(cls, outdir: str, failed: bool) -> None:
        pid, worker = cls._BUILDS.get(outdir, (None, None))
        if pid != os.getpid():
            return
        del cls._BUILDS[outdir]
        if worker is None:
            return
        if failed:
            worker.cancel()
        else:
            worker.finish()

    def submit(self, job: Job, target: Path, kept: Path) -> None:
        if target in self._submitted:
            return  # the same card for the same page, asked for twice
        self._submitted.add(target)
        with _main_not_run_again():  # the first submit starts the worker
            future = self._pool.submit(draw_in_worker, job)
        self._jobs.append((future, target, kept, job.page_path))

    def finish(self) -> None:
        """Wait for every card; keep each drawn card; warn of each that is not."""
        try:
            for future, target, kept, page in self._jobs:
                try:
                    warned = future.result()
                except Exception as error:  # noqa: BLE001 - the build's warning, not a traceback
                    logger.warning(f"the social card of page {page!r} could not be drawn: "
                                   f"{error or type(error).__name__}")
                    continue
                for message in warned:
                    logger.warning(f"the social card of page {page!r}: {message}")
                if target.is_file():
                    _keep(target, kept)
        finally:
            self._pool.shutdown(wait=True)
            _LIVE.discard(self)

    def cancel(self) -> None:
        """No further card; the worker ends after the card it is drawing."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        _LIVE.discard(self)


@contextlib.contextmanager
def _main_not_run_again() -> Iterator[None]:
    """A spawned worker does not run the build's main script again.

    ``spawn`` starts a process by running the parent's ``__main__`` again,
    from its file, when it was a script (``python build.py``); a script that
    calls Sphinx with no ``if __name__ == "__main__":`` guard would start a
    second build in the worker.  The worker needs nothing of it (its job and
    the card module are named by module), so while it is started the main
    module shows no file to run.  ``python -m sphinx`` and ``sphinx-build``
    are left alone by ``spawn`` anyway (a ``__main__`` module is not run).
    """
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if main is None or spec is not None or "__file__" not in vars(main):
        yield
        return
    path = vars(main).pop("__file__")
    try:
        yield
    finally:
        main.__file__ = path


def _cancel_all() -> None:
    # Ctrl-C ends sphinx-build without its build-finished event: the queued
    # cards are not drawn, the worker ends (before concurrent.futures' own
    # exit handler, which would wait for every queued card)
    for worker in list(_LIVE):
        worker.cancel()


_register = getattr(threading, "_register_atexit", None)
if _register is not None:
    _register(_cancel_all)  # called before concurrent.futures' own (registered earlier)
else:  # pragma: no cover - another Python
    atexit.register(_cancel_all)


def _started(app: Sphinx) -> None:
    Worker.start(app.outdir)


def _finished(app: Sphinx, exception: BaseException | None) -> None:
    Worker.end(app.outdir, failed=exception is not None)


#: per figure: the site's name it was drawn with, and the pixels of everything
#: but the page's title, description and address
_BACKGROUNDS: dict[int, tuple[str, Any]] = {}


def _layered(fig: Any, page_text: Any) -> bool:
    """Whether the page's texts can be drawn over the rest of the card: the
    texts' axes are drawn first and the large logo's axes (which the page
    title may reach) hold no image; the mini logo and the line sit below
    the description."""
    axes = fig.axes
    return len(axes) == 4 and axes[0] is page_text.axes and not axes[1].images


def render_layered(path: Path, site_title: str, page_title: str, description: str, siteurl: str,
                   plt_objects: Any) -> Any:
    """opengraph's card, drawn in two layers: what is the same on every card
    (the background, the site's name, the mini logo, the line) once per
    build, then for each card its page title, description and address over a
    copy of it.  The pixels are those of drawing the whole figure
    (test_social_cards); a card with a large logo is drawn whole."""
    import matplotlib as mpl

    fig, txt_site, txt_page, txt_description, txt_url = plt_objects
    txt_site.set_text(site_title)
    txt_url.set_text(siteurl)
    canvas = fig.canvas
    if not _layered(fig, txt_page):
        txt_page.set_text(page_title)
        txt_description.set_text(description)
        fig.savefig(path, facecolor=None, pil_kwargs=PNG_OPTIONS)
        return plt_objects
    # drawn per card, in the figure's order: the title, the description, the
    # address (the title may reach the address, which is drawn over it)
    layers = (txt_page, txt_description, txt_url)
    kept = _BACKGROUNDS.get(id(fig))
    if kept is None or kept[0] != site_title:
        for text in layers:
            text.set_visible(False)
        canvas.draw()
        for text in layers:
            text.set_visible(True)
        kept = site_title, canvas.copy_from_bbox(fig.bbox)
        _BACKGROUNDS[id(fig)] = kept
    txt_page.set_text(page_title)
    txt_description.set_text(description)
    canvas.restore_region(kept[1])
    renderer = canvas.get_renderer()
    with _glyphs_drawn_by(renderer):
        for text in layers:
            with _wrapped_by_halves(text):
                text.draw(renderer)
    # the same metadata and resolution as savefig writes (matplotlib's _print_pil)
    write_png(path, canvas.buffer_rgba(), fig.dpi,
              {"Software": f"Matplotlib version{mpl.__version__}, https://matplotlib.org/"})
    return plt_objects


@contextlib.contextmanager
def _wrapped_by_halves(text: Any) -> Iterator[None]:
    """While ``text`` is drawn, its lines are wrapped where matplotlib wraps
    them, found in fewer measurements.

    matplotlib (``Text._get_wrapped_text``) measures a line one more word at
    a time until it is too wide: some thirty layouts of a growing line for
    a card's title and description, a third of the card's CPU.  A line only
    grows wider with every word it takes, so the first number of words that
    is too wide is found by halving instead (four or five layouts a line),
    with matplotlib's own measure and the same breaks.  A text with a ``$``
    in it (a line may be laid out as mathematics, narrower than its start)
    or that matplotlib would not wrap is wrapped by matplotlib.
    """
    content = text.get_text()
    own = getattr(type(text), "_get_wrapped_text", None)
    measure = getattr(text, "_get_rendered_text_width", None)
    line_width = getattr(text, "_get_wrap_line_width", None)
    if (own is None or measure is None or line_width is None or "$" in content
            or not text.get_wrap() or text.get_usetex()):
        yield
        return

    def wrapped() -> str:
        width = line_width()
        lines: list[str] = []
        for unwrapped in content.split("\n"):
            words = unwrapped.split(" ")
            while words:
                if len(words) == 1:
                    lines.append(words.pop())
                    continue
                # the first count of words from 2 on that is too wide (len + 1: none is)
                low, high = 2, len(words) + 1
                while low < high:
                    middle = (low + high) // 2
                    if measure(" ".join(words[:middle])) > width:
                        high = middle
                    else:
                        low = middle + 1
                taken = low - 1 if low <= len(words) else len(words)
                lines.append(" ".join(words[:taken]))
                words = words[taken:]
        return "\n".join(lines)

    text._get_wrapped_text = wrapped
    try:
        yield
    finally:
        del text._get_wrapped_text


#: the matplotlib whose glyph drawing :func:`_glyphs_drawn_by` repeats (requirements.txt)
GLYPHS_OF = "3.11.2"


@contextlib.contextmanager
def _glyphs_drawn_by(renderer: Any) -> Iterator[None]:
    """While a card's texts are drawn, their glyphs are drawn as matplotlib
    3.11 draws them (``RendererAgg._draw_text_glyphs_and_boxes``) with what
    is the same for every glyph of a line worked out once: matplotlib builds
    the glyph's rotation matrix with numpy, sets the font's size and asks
    the graphics context whether to antialias for every glyph of every line
    (some 220 glyphs a card, a fifth of its CPU).  The same calls reach
    FreeType and Agg with the same numbers: the same pixels.  Another
    matplotlib draws its own way."""
    import matplotlib as mpl

    original = getattr(type(renderer), "_draw_text_glyphs_and_boxes", None)
    if mpl.__version__ != GLYPHS_OF or original is None:
        yield
        return
    import numpy as np
    from matplotlib.backends.backend_agg import get_hinting_flag
    from matplotlib.ft2font import RenderMode

    def draw(gc: Any, x: float, y: float, angle: float, glyphs: Any, boxes: Any) -> None:
        if angle or boxes:  # rotated text, or mathematics' rules: matplotlib's own
            original(renderer, gc, x, y, angle, glyphs, boxes)
            return
        load_flags = get_hinting_flag()
        antialiased = gc.get_antialiased()
        mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
        height = renderer.height
        agg = renderer._renderer
        matrices: dict[tuple[float, float], Any] = {}
        sized = None
        for font, size, glyph_index, slant, extend, dx, dy in glyphs:
            if sized != (font, size):
                font.set_size(size, renderer.dpi)
                sized = (font, size)
            matrix = matrices.get((slant, extend))
            if matrix is None:  # angle 0: cos 1, sin 0
                matrix = matrices[slant, extend] = (
                    0x10000 * np.array([[1.0, -0.0], [0.0, 1.0]]) @ [[extend, extend * slant], [0, 1]]
                ).round().astype(int)
            font._set_transform(matrix, [round(0x40 * (x + dx)), round(0x40 * (height - y + dy))])
            bitmap = font._render_glyph(glyph_index, load_flags, mode)
            buffer = bitmap.buffer
            if not antialiased:
                buffer *= 0xff
            agg.draw_text_image(buffer, bitmap.left, int(height) - bitmap.top + buffer.shape[0], 0, gc)

    renderer._draw_text_glyphs_and_boxes = draw
    try:
        yield
    finally:
        del renderer._draw_text_glyphs_and_boxes


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_png(path: Path | str, rgba: Any, dpi: float, text: dict[str, str]) -> None:
    """An RGBA image (rows of ``height x width x 4`` bytes) as a PNG file.

    Pillow, which matplotlib writes with, tries the five PNG filters on every
    row and keeps the best (some 10 ms of a card's CPU, at any zlib level).
    A card is flat colour and anti-aliased text: its rows unfiltered at zlib
    level 1 take a third of that and make a file a seventh smaller.  The
    pixels are the same; so are the resolution (``pHYs``, as Pillow writes
    it) and the text chunks.
    """
    import numpy as np  # matplotlib's own: imported when a card is drawn

    height, width = rgba.shape[0], rgba.shape[1]
    rows = np.empty((height, width * 4 + 1), dtype=np.uint8)
    rows[:, 0] = 0  # each row's filter type: none
    rows[:, 1:] = np.asarray(rgba, dtype=np.uint8).reshape(height, width * 4)
    per_metre = int(dpi / 0.0254 + 0.5)
    chunks = [_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))]
    chunks += [_chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1"))
               for key, value in text.items()]
    chunks.append(_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    chunks.append(_chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)))
    chunks.append(_chunk(b"IEND", b""))
    Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + b"".join(chunks))


# conf.py imports this layer before Sphinx loads opengraph
defer_matplotlib()


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", install)
    app.connect("builder-inited", _started)
    app.connect("build-finished", _finished)
