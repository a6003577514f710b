"""A transcript is data, never code: hostile input against the whole build.

test-hostile has one page per case: a transcript (in the page or in a file)
written to read a secret, run a script, inject LaTeX or raw HTML, follow a
path out of the project, pass for someone else, or break the reader with an
odd encoding; its registry has scripts in names, bios and URLs.  The root is
built once per builder (html and latex); every case then checks that

- the build completed, with no traceback;
- each warning the input needs is there, located at the transcript's own
  file and line (the page's, for inline content; the directive's, for a
  problem of the whole source), with the right subtype, and no other;
- no byte of a secret file outside the project reaches any output file;
- nothing of the input is live in the DOM or in the LaTeX source;
- every word of the input, labels aside, is on the page in order.

The files no text editor writes (other encodings, NUL bytes, an image, the
symbolic links, the secret itself) are made by the fixture.
"""

from __future__ import annotations

import codecs
import re
import shutil
import struct
import time
import unicodedata
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx_transcripts import source
from sphinx_transcripts.dialogue import markup
from sphinx_transcripts.model import Paragraph
from sphinx_transcripts.people import labels

# -- the files the fixture writes ---------------------------------------------------


def png(payload: bytes = b"") -> bytes:
    """A 1x1 PNG image, with ``payload`` in a text chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + (chunk(b"tEXt", b"Comment\x00" + payload) if payload else b"")
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


#: file -> (the text as meant, its bytes)
ENCODED: dict[str, tuple[str, bytes]] = {}


def _encoded(name: str, text: str, data: bytes) -> None:
    ENCODED[name] = (text, data)


_LATIN1 = "Ada Host: Un café, s'il vous plaît.\nBob Guest: Déjà <script>alert('latin1')</script> vu.\n"
_encoded("latin1.txt", _LATIN1, _LATIN1.encode("latin-1"))
_UTF16 = "Ada Host: UTF-16 with a mark: naïve.\nBob Guest: \\input{hostile-utf16} there.\n"
_encoded("utf16.txt", _UTF16, codecs.BOM_UTF16_LE + _UTF16.encode("utf-16-le"))
_BOM = "Ada Host: With a byte order mark.\nBob Guest: <iframe src=x></iframe> framed.\n"
_encoded("bom.txt", _BOM, codecs.BOM_UTF8 + _BOM.encode("utf-8"))
_CRLF = "Ada Host: Windows line ends.\r\nBob Guest: Fine.\r\n\r\nAda Host: <script>alert('crlf')</script>\r\n"
_encoded("crlf.txt", _CRLF.replace("\r\n", "\n"), _CRLF.encode("utf-8"))
_NUL = (
    "Ada Host: A transcript with a few control characters in it, long enough to be text.\n"
    "Bob Guest: A NUL\x00 byte here, and it is removed with a warning at this line.\n"
    "Ada Host: A form\x0cfeed is a control character too, and so is a vertical\x0btab.\n"
    "Bob Guest: And <script>alert('nul')</script> after them is on its own line.\n"
)
_encoded("nul.txt", _NUL, _NUL.encode("utf-8"))
_SEPARATOR = (
    "Ada Host: A line\u2028separator, a paragraph\u2029separator and a next-line\u0085mark.\n"
    "Bob Guest: They are not line ends for an editor.\n"
    "Ada Host: <script>alert('separator')</script> is on line three.\n"
)
_encoded("separator.txt", _SEPARATOR, _SEPARATOR.encode("utf-8"))
_encoded("picture.txt", "", png(b"Ada Host: <script>alert('png')</script>"))


@dataclass
class Built:
    app: SphinxTestApp
    secret: bytes
    seconds: float

    @property
    def srcdir(self) -> Path:
        return Path(self.app.srcdir)

    def warnings(self) -> list[str]:
        return strip_escape_sequences(self.app.warning.getvalue()).splitlines()

    def status(self) -> str:
        return strip_escape_sequences(self.app.status.getvalue())


def make_root(rootdir: Path, base: Path) -> tuple[Path, bytes]:
    """A copy of test-hostile in ``base/src``, a secret in ``base`` beside it."""
    srcdir = base / "src"
    shutil.copytree(rootdir / "test-hostile", srcdir)
    secret = f"SECRET-{uuid.uuid4().hex}".encode()
    (base / "secret.txt").write_bytes(b"Ada Host: " + secret + b"\n")
    (base / "secret.png").write_bytes(png(secret))
    transcripts = srcdir / "transcripts"
    for name, (_, data) in ENCODED.items():
        (transcripts / name).write_bytes(data)
    (transcripts / "link.txt").symlink_to(Path("..", "..", "secret.txt"))
    # a folder of secrets outside (not an ancestor: Sphinx would walk round it forever)
    (base / "outside").mkdir()
    (base / "outside" / "secret.txt").write_bytes(b"Bob Guest: " + secret + b"\n")
    (transcripts / "outside").symlink_to(base / "outside", target_is_directory=True)
    (srcdir / "avatars").mkdir()
    (srcdir / "avatars" / "link.png").symlink_to(Path("..", "..", "secret.png"))
    return srcdir, secret


def build(rootdir: Path, base: Path, builder: str) -> Built:
    srcdir, secret = make_root(rootdir, base)
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=base / "build", freshenv=True)
    started = time.perf_counter()
    try:
        app.build()
    finally:
        app.cleanup()
    return Built(app, secret, time.perf_counter() - started)


@pytest.fixture(scope="module")
def html(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(rootdir, tmp_path_factory.mktemp("hostile-html"), "html")


@pytest.fixture(scope="module")
def latex(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(rootdir, tmp_path_factory.mktemp("hostile-latex"), "latex")


# -- the cases: the warnings each one needs -------------------------------------------

DIRECTIVE = "<directive>"


@dataclass(frozen=True)
class Want:
    """A warning: in ``file`` (None: the page) at the first line, from the
    previous warning's on, that contains ``marker`` (that is ``marker`` without
    its "=", for "=..."; DIRECTIVE: the directive's line), of subtype ``kind``."""

    marker: str
    kind: str
    file: str | None = None


def md(*wants: Want) -> tuple[Want, ...]:
    return wants


FENCES = md(Want("```{", "markup"), Want("=```", "markup"))
#: page -> the warnings it must give, in line order
CASES: dict[str, tuple[Want, ...]] = {
    # files read by directives and roles written in the text
    "read-myst-include": FENCES,
    "read-myst-literalinclude": FENCES,
    "read-passwd": FENCES,
    "read-download-role": md(Want("{download}", "markup")),
    "read-image": FENCES,
    "read-figure": FENCES,
    "read-csv-table": FENCES,
    "read-raw-file": FENCES,
    "read-colon-fence": md(Want(":::{include}", "markup"), Want("=:::", "markup")),
    "read-markdown-image": md(Want("![secret]", "markup"), Want("![secret]", "link")),
    "rst-include": md(Want(".. include::", "markup")),
    "rst-download": md(Want(":download:", "markup")),
    "rst-literalinclude": md(Want(".. literalinclude::", "markup")),
    # roles and directives of every kind
    "role-math": md(Want("{math}", "markup"), Want("{math}", "markup")),
    "role-sub-ref": md(Want("{sub-ref}", "markup")),
    "dir-eval-rst": md(Want("```{eval-rst}", "markup"), Want(".. raw::", "markup"),
                       Want("<script>", "markup"), Want("=```", "markup")),
    "dir-code-block": FENCES,
    "role-unknown": md(Want("{no-such-role}", "markup"), Want(":also-unknown:", "markup")),
    "role-xrefs": md(Want("{ref}", "markup")),
    "substitution": md(Want("{{ secret }}", "markup")),
    "footnote-target-comment": md(Want("[^1]", "markup"), Want("(hostile-target)=", "markup"),
                                  Want(".. _hostile-rst-target:", "markup")),
    "rst-roles": md(Want(":math:", "markup"), Want(":math:", "markup"), Want(":math:", "markup"),
                    Want(".. raw::", "markup"), Want("<script>", "markup")),
    # raw HTML and LaTeX
    "html-script": md(Want("<script>", "markup")),
    "html-img-onerror": md(Want("<img", "markup")),
    "html-iframe": md(Want("<iframe", "markup")),
    "html-a-javascript": md(Want("<a href", "markup")),
    "html-object-embed-style": md(Want("<object", "markup"), Want("<style>", "markup")),
    "latex-input": md(Want("\\input", "markup")),
    "latex-write18": md(Want("\\write18", "markup")),
    "latex-textbf-math": md(Want("\\textbf", "markup"), Want("\\textbf", "markup")),
    # links
    "link-javascript": md(Want("javascript:", "link")),
    "link-data": md(Want("data:", "link")),
    "link-vbscript": md(Want("vbscript:", "link")),
    "link-entity-decimal": md(Want("&#106;", "link")),
    "link-entity-hex": md(Want("&#x6A;", "link")),
    "link-mixed-case": md(Want("JaVaScRiPt:", "link")),
    "link-whitespace": md(Want("[tab]", "link"), Want("[tab]", "link"), Want("[tab]", "link"),
                          Want("[newline]", "link")),
    "link-autolink": md(Want("<javascript:", "link"), Want("<javascript:", "link"),
                        Want("<vbscript:", "link")),
    "link-safe": md(Want("\\input{hostile-url}", "markup")),
    # labels
    "label-space-colon": md(),
    "label-tab-colon": md(),
    "label-zero-width": md(),
    "label-upper": md(),
    "label-pronouns-undeclared": md(Want("Daniel Reyes (he/him):", "undeclared-label")),
    "label-pronouns-declared": md(),
    "label-accented-undeclared": md(Want("Élodie Martin:", "undeclared-label")),
    "silent-guest": md(Want(DIRECTIVE, "speaker")),
    "registry-eve": md(),
    "label-zero-width-accent": md(),
    "markup-numbers-backslash": md(),
    # transcript files: located in the file
    "file-markup": md(
        Want("<script>", "markup", "transcripts/markup.txt"),
        Want("```{literalinclude}", "markup", "transcripts/markup.txt"),
        Want("=```", "markup", "transcripts/markup.txt"),
        Want("{download}", "markup", "transcripts/markup.txt"),
        Want("<img", "markup", "transcripts/markup.txt"),
        Want("<img", "link", "transcripts/markup.txt"),
        Want("Mallory Smith:", "undeclared-label", "transcripts/markup.txt"),
    ),
    "enc-latin1": md(Want("café", "encoding", "transcripts/latin1.txt"),
                     Want("<script>", "markup", "transcripts/latin1.txt")),
    "enc-utf16": md(Want("\\input", "markup", "transcripts/utf16.txt")),
    "enc-utf8-bom": md(Want("<iframe", "markup", "transcripts/bom.txt")),
    "enc-crlf": md(Want("<script>", "markup", "transcripts/crlf.txt")),
    "enc-nul": md(Want("NUL", "encoding", "transcripts/nul.txt"),
                  Want("form", "encoding", "transcripts/nul.txt"),
                  Want("<script>", "markup", "transcripts/nul.txt")),
    "enc-line-separator": md(Want("<script>", "markup", "transcripts/separator.txt")),
    "binary-png": md(Want(DIRECTIVE, "source")),
    # paths out of the project
    "path-dotdot": md(Want(DIRECTIVE, "source")),
    "path-dotdot-deep": md(Want(DIRECTIVE, "source")),
    "path-absolute": md(Want(DIRECTIVE, "source")),
    "path-symlink": md(Want(DIRECTIVE, "source")),
    "path-symlinked-folder": md(Want(DIRECTIVE, "source")),
    "rst-path-dotdot": md(Want(DIRECTIVE, "source")),
    "rst-included-part": md(Want("<script>", "markup", "parts/transcript.rst.inc")),
}

#: the registry's own warnings: (marker of the line, subtype), in line order
REGISTRY = [
    # a bio is shown as text, and what looks like markup in it is warned about
    ("<img src=x", "markup"),
    ("\\input{hostile-bio}", "markup"),
    ("javascript:alert('url')", "registry"),
    ("<iframe", "markup"),
    ("JaVaScRiPt:", "registry"),
    ("<a href=javascript", "markup"),
    ("data:text/html", "registry"),
    ("vbscript:", "registry"),
    ("java\\nscript:", "registry"),
    ("&#106;avascript:", "registry"),
    ('"../secret.png"', "avatar"),
    ('"avatars/link.png"', "avatar"),
]

#: the text of a file a page names, as meant (None: no transcript on the page)
FILE_TEXT: dict[str, str | None] = {
    "enc-latin1": ENCODED["latin1.txt"][0],
    "enc-utf16": ENCODED["utf16.txt"][0],
    "enc-utf8-bom": ENCODED["bom.txt"][0],
    "enc-crlf": ENCODED["crlf.txt"][0],
    "enc-nul": ENCODED["nul.txt"][0],
    "enc-line-separator": ENCODED["separator.txt"][0],
    "binary-png": None,
    **{name: None for name in CASES if "path-" in name},
}

#: who each turn is, for the pages whose labels are the point
SPEAKERS = {
    "label-space-colon": ["Ada Host", "Bob Guest"],
    "label-tab-colon": ["Ada Host", "Bob Guest"],
    "label-zero-width": ["Ada Host", "Bob Guest"],
    "label-upper": ["Ada Host", "Bob Guest"],
    "label-pronouns-undeclared": ["Ada Host", "Bob Guest"],
    "label-accented-undeclared": ["Ada Host", "Bob Guest"],
    "label-pronouns-declared": ["Ada Host", "Daniel Reyes", "Bob Guest"],
    "registry-eve": ["Ada Host", "Eve <script>alert('name')</script>"],
    "file-markup": ["Ada Host", "Bob Guest", "Ada Host", "Bob Guest"],
    "label-zero-width-accent": ["Ada Host", "Zoë Ek"],
}


def page_file(built: Built, name: str) -> Path:
    rst = built.srcdir / f"{name}.rst"
    return rst if rst.exists() else built.srcdir / f"{name}.md"


def lines_of(path: Path) -> list[str]:
    """A file's lines as an editor numbers them: only a line feed ends a line."""
    if path.parent.name == "transcripts" and path.name in ENCODED:
        text = ENCODED[path.name][0]  # as meant, whatever the encoding
    else:
        text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
    return text.split("\n")


def directive_line(path: Path) -> int:
    return next(n for n, line in enumerate(lines_of(path), 1)
                if re.match(r"\s*(?:`{3,}\{transcript\}|\.\. transcript::)", line))


def expected(built: Built, name: str) -> list[str]:
    """``<file>:<line> [transcript.<kind>]`` of each warning the page needs."""
    page = page_file(built, name)
    out = []
    after: dict[Path, int] = {}
    for want in CASES[name]:
        if want.marker == DIRECTIVE:
            out.append(f"{page}:{directive_line(page)} [transcript.{want.kind}]")
            continue
        path = built.srcdir / want.file if want.file else page
        lines = lines_of(path)
        start = after.get(path, directive_line(path) + 1 if path == page else 1)
        lineno = next(n for n, line in enumerate(lines, 1) if n >= start and (
            line.strip() == want.marker[1:] if want.marker.startswith("=") else want.marker in line))
        after[path] = lineno
        out.append(f"{path}:{lineno} [transcript.{want.kind}]")
    return out


def located(warning: str) -> str:
    """``<file>:<line> [transcript.<kind>]`` of a warning line."""
    where, _, rest = warning.partition(": WARNING: ")
    kind = re.search(r"\[[\w.-]+\]$", rest)
    return f"{where} {kind.group(0) if kind else '[?]'}"


def of_page(built: Built, name: str) -> list[str]:
    """The warnings located in the page or in the files its case names."""
    files = {str(page_file(built, name))}
    files |= {str(built.srcdir / w.file) for w in CASES[name] if w.file}
    return [located(w) for w in built.warnings()
            if w.partition(": WARNING: ")[0].rpartition(":")[0] in files]


# -- the build as a whole ---------------------------------------------------------------


def test_there_are_many_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_the_build_completes_without_a_traceback(request: pytest.FixtureRequest, builder: str) -> None:
    built: Built = request.getfixturevalue(builder)
    assert built.app.statuscode == 0
    log = built.status() + "\n".join(built.warnings())
    assert "Traceback" not in log and "Exception occurred" not in log
    assert not [w for w in built.warnings() if "ERROR" in w or "CRITICAL" in w]


def test_every_warning_is_a_transcript_warning_a_case_expects(html: Built) -> None:
    """No warning nobody expected: each is one of a case's or the registry's."""
    wanted = [w for name in CASES for w in expected(html, name)]
    registry = html.srcdir / "speakers.toml"
    wanted += registry_expected(registry)
    assert sorted(located(w) for w in html.warnings()) == sorted(wanted)


def registry_expected(registry: Path) -> list[str]:
    lines = lines_of(registry)
    out = []
    start = 0
    for marker, kind in REGISTRY:
        # from the line of the one before: two warnings may share a line
        start = next(n for n, line in enumerate(lines, 1) if n >= start and marker in line)
        out.append(f"{registry}:{start} [transcript.{kind}]")
    return out


def test_registry_urls_that_are_not_web_or_mail_addresses_are_refused(html: Built) -> None:
    registry = html.srcdir / "speakers.toml"
    assert [located(w) for w in html.warnings() if w.startswith(str(registry))] == \
        registry_expected(registry)


# -- each case -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
def test_the_warnings_a_case_needs_are_located_at_its_file_and_line(html: Built, name: str) -> None:
    assert of_page(html, name) == expected(html, name)


@pytest.mark.parametrize("name", CASES)
def test_the_page_is_written(html: Built, name: str) -> None:
    soup = soup_of(html, name)
    assert soup.select_one("h1") is not None
    if FILE_TEXT.get(name, "") is not None:
        assert soup.select_one("div.transcript") is not None


def soup_of(built: Built, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(built.app.outdir) / f"{name}.html").read_text(encoding="utf-8"),
                         "html.parser")


# -- secrets -----------------------------------------------------------------------------


def every_output_file(built: Built) -> Iterator[Path]:
    for folder in (Path(built.app.outdir), Path(built.app.doctreedir)):
        yield from (p for p in folder.rglob("*") if p.is_file())


def forms(secret: bytes) -> list[bytes]:
    text = secret.decode()
    return [secret, text.encode("utf-16-le"), text.encode("utf-16-be"), secret.hex().encode()]


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_no_byte_of_a_secret_outside_the_project_reaches_any_output(
    request: pytest.FixtureRequest, builder: str
) -> None:
    built: Built = request.getfixturevalue(builder)
    files = list(every_output_file(built))
    assert len(files) > 20
    leaks = [str(p) for p in files for form in forms(built.secret) if form in p.read_bytes()]
    assert leaks == []
    assert built.secret.decode() not in built.status() + "\n".join(built.warnings())


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_no_line_of_the_systems_passwd_reaches_any_output(
    request: pytest.FixtureRequest, builder: str
) -> None:
    built: Built = request.getfixturevalue(builder)
    passwd = Path("/etc/passwd")
    if not passwd.is_file():  # nothing to leak; the cases still ran
        return
    users = [line.encode() for line in passwd.read_text(errors="replace").splitlines() if ":" in line]
    leaks = [str(p) for p in every_output_file(built) for line in users if line in p.read_bytes()]
    assert leaks == []


def test_no_avatar_image_from_outside_the_project_is_copied(html: Built) -> None:
    images = Path(html.app.outdir, "_images")
    assert sorted({p.suffix for p in images.iterdir()}) == [".svg"]


# -- nothing live in the HTML --------------------------------------------------------------

FORBIDDEN_TAGS = ["script", "iframe", "object", "embed", "style", "svg", "form", "frame",
                  "frameset", "link", "meta", "base", "input", "button", "textarea", "math",
                  "video", "audio", "source", "marquee", "body", "a[href^=javascript]"]
SCHEMES = {"http", "https", "mailto"}
#: what a site-made relative URL in a transcript or a person card looks like
SITE_URL = re.compile(r"^(?:#[\w-]+|(?:\.\./)*[\w-]+\.html(?:#[\w-]+)?|(?:\.\./)*_images/avatar-[0-9a-f]{16}\.svg)$")


def inert(region: Tag) -> list[str]:
    """What in ``region`` is live that input could have made: tags, handlers, URLs."""
    found = []
    for tag in region.find_all(True):
        if tag.name in FORBIDDEN_TAGS:
            found.append(f"<{tag.name}>")
        if tag.name == "img" and "transcript-avatar" not in tag.get("class", []):
            found.append(f"<img {tag.attrs}>")
        for attribute, value in tag.attrs.items():
            if attribute.lower().startswith("on"):
                found.append(f"{tag.name} {attribute}={value!r}")
            if attribute.lower() in ("href", "src", "action", "formaction", "xlink:href", "data",
                                     "poster", "srcset", "background"):
                url = str(value)
                scheme = urlsplit(url.strip()).scheme.lower()
                if scheme not in SCHEMES and not SITE_URL.match(url):
                    found.append(f"{tag.name} {attribute}={url!r}")
    return found


def html_pages(built: Built) -> list[Path]:
    return sorted(Path(built.app.outdir).glob("*.html"))


def test_inside_every_transcript_nothing_is_live(html: Built) -> None:
    problems = {}
    for path in html_pages(html):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for region in soup.select("div.transcript, .transcript-person-card, h1, h2"):
            if inert(region):
                problems[path.name] = inert(region)
    assert problems == {}


def test_the_transcripts_are_really_there(html: Built) -> None:
    """The checks above looked at something: 50 transcripts, and the people page's cards."""
    found = [p for p in html_pages(html)
             if BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select("div.transcript")]
    assert len(found) >= 50
    assert len(soup_of(html, "people").select(".transcript-person-card")) >= 10


def test_nowhere_on_any_page_is_a_script_handler_or_scheme_from_the_input(html: Built) -> None:
    problems = []
    for path in html_pages(html):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            src = script.get("src", "")
            if src and not re.match(r"^(?:\.\./)*(?:_static/[\w./-]+|searchindex\.js)(?:\?v=[0-9a-f]+)?$", src):
                problems.append(f"{path.name}: script src={src!r}")
            if "alert(" in script.get_text() or "hostile" in script.get_text():
                problems.append(f"{path.name}: script {script.get_text()[:60]!r}")
        for tag in soup.find_all(["iframe", "object", "embed", "frame"]):
            problems.append(f"{path.name}: <{tag.name}>")
        for tag in soup.find_all(True):
            for attribute, value in tag.attrs.items():
                if attribute.lower().startswith("on"):
                    problems.append(f"{path.name}: {tag.name} {attribute}")
                if attribute.lower() in ("href", "src") and re.match(
                    r"\s*(?:javascript|data|vbscript):", str(value), re.I
                ):
                    problems.append(f"{path.name}: {tag.name} {attribute}={value!r}")
    assert problems == []


def test_raw_html_of_the_input_never_reaches_a_page_unescaped(html: Built) -> None:
    """On the bytes, not just the DOM: a page or a generated avatar holds the
    input's tags only as escaped text."""
    raw = re.compile(rb"<(?:script>alert|img src=x|iframe src|a href=javascript|svg onload|body onload"
                     rb"|object data|embed src|style>body)", re.I)
    files = [*html_pages(html), *Path(html.app.outdir, "_images").glob("*.svg")]
    assert [str(p) for p in files if raw.search(p.read_bytes())] == []


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith(("html-", "link-", "registry-"))])
def test_the_input_is_shown_as_written(html: Built, name: str) -> None:
    """Not only inert: the hostile text itself is on the page, as text."""
    text = " ".join(soup_of(html, name).select_one("div.transcript").get_text().split())
    for needle in re.findall(r"<(?:script|img|iframe|a|object|style|svg)\b[^>]*>|\[\w+\]\([^)\s]*",
                             source_text(html, name)):
        if needle.startswith("[") and re.match(r"\[\w+\]\((?:https?|mailto):", needle):
            continue  # a safe link: its text is shown, its address is the link's
        assert " ".join(needle.split()) in text


def test_a_safe_link_is_live_with_its_own_address(html: Built) -> None:
    links = [a["href"] for a in soup_of(html, "link-safe").select("div.transcript-turn-body p a")]
    assert [unquote(link) for link in links[:3]] == [
        "https://example.org/page", "mailto:ada@example.org", "https://example.org/bare"]
    assert all(urlsplit(link).scheme in SCHEMES for link in links)
    # the quote and the LaTeX stay inside the address, percent-encoded
    assert links[3].startswith("https://example.org/%22onmouseover=%22") and '"' not in links[3]
    assert "\\" not in links[4] and "{" not in links[4]


def test_the_registry_is_shown_as_text_and_its_bad_urls_are_not_linked(html: Built) -> None:
    soup = soup_of(html, "people")
    names = [h.get_text().rstrip("¶") for h in soup.select("section.transcript-person h2")]
    assert "Eve <script>alert('name')</script>" in names
    bios = " ".join(p.get_text() for p in soup.select(".transcript-bio"))
    assert "<img src=x onerror=alert('bio')>" in bios
    assert "<iframe src=javascript:alert('iframe')></iframe>" in bios
    urls = [a["href"] for a in soup.select(".transcript-url a")]
    assert urls == ["https://example.org/bob"]


# -- nothing live in the LaTeX ------------------------------------------------------------


@pytest.fixture(scope="module")
def tex(latex: Built) -> str:
    return Path(latex.app.outdir, "hostile.tex").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["input", "write18", "textbf"])
def test_latex_commands_of_the_input_are_escaped_text(tex: str, command: str) -> None:
    assert not re.search(rf"(?<!textbackslash{{}})\\{command}\{{hostile", tex)
    assert f"\\textbackslash{{}}{command}\\{{hostile" in tex


def test_every_transcript_reaches_the_latex(tex: str, html: Built) -> None:
    assert tex.count("\\begin{sphinxtranscript}") == len(
        [p for p in html_pages(html)
         if BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select("div.transcript")])


def test_math_of_the_input_is_text_in_the_latex(tex: str) -> None:
    assert "\\$\\$x\\textasciicircum{}2\\$\\$" in tex
    assert "\\textbackslash{}input\\{hostile\\sphinxhyphen{}math\\}" in tex


# -- every word kept, in order; the right speakers ----------------------------------------------


def source_text(built: Built, name: str) -> str:
    """The transcript's text as written: the file's, or the directive's content."""
    if name in FILE_TEXT:
        return FILE_TEXT[name] or ""
    page = page_file(built, name)
    if name == "rst-included-part":
        page = built.srcdir / "parts" / "transcript.rst.inc"
    lines = lines_of(page)
    start = directive_line(page)
    if page.suffix in (".rst", ".inc"):
        body = lines[start:]
        body = body[next(i for i, line in enumerate(body) if not line.strip()) + 1:]
        return "\n".join(line[3:] for line in body)
    match = re.match(r"\s*(`{3,})\{transcript\}\s*(\S*)", lines[start - 1])
    assert match is not None
    if match.group(2):
        return (page.parent / match.group(2)).read_text(encoding="utf-8")
    body = lines[start:]
    end = body.index(match.group(1))
    body = body[:end]
    return "\n".join(body[next(i for i, line in enumerate(body) if not line.startswith(":")):])


_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
#: a label as the test reads it: before the line's first colon
_LABEL = re.compile(r"^([^\s:][^:\n]{0,78}?)[ \t]*:")
_SAFE_LINK = re.compile(r"\[([^\]]*)\]\((?:https?|mailto):(?:[^()\s]|\([^()\s]*\))*\)|<((?:https?|mailto):[^>\s]*)>")
#: the labels of each page's declared speakers, as the test compares them
DECLARED = {"ada host", "bob guest"}
DECLARED_ALSO = {"label-pronouns-declared": {"daniel reyes (he/him)"}, "registry-eve": {"eve"},
                 "label-zero-width-accent": {"zoë ek"}}


def label_key(label: str) -> str:
    text = "".join(c for c in label if c not in _ZERO_WIDTH)
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split()).casefold()


def words_of_input(text: str, declared: set[str]) -> list[str]:
    """The words of a transcript's text, labels aside, as the page must show them."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    out = []
    for line in text.split("\n"):
        label = _LABEL.match(line)
        if label and label_key(label.group(1)) in declared:
            line = line[label.end():]
        out.append(_SAFE_LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), line))
    return " ".join(out).replace("`", "").split()


def words_on_page(soup: BeautifulSoup) -> list[str]:
    dialogue = soup.select_one("div.transcript")
    assert dialogue is not None
    for header in dialogue.select(".transcript-turn-header, img"):
        header.decompose()
    return dialogue.get_text().replace("`", "").split()


WORD_CASES = [n for n in CASES if FILE_TEXT.get(n, "") is not None]


@pytest.mark.parametrize("name", WORD_CASES)
def test_every_word_of_the_input_is_on_the_page_in_order(html: Built, name: str) -> None:
    declared = DECLARED | DECLARED_ALSO.get(name, set())
    assert words_on_page(soup_of(html, name)) == words_of_input(source_text(html, name), declared)


@pytest.mark.parametrize("name", SPEAKERS)
def test_each_turn_is_its_speakers(html: Built, name: str) -> None:
    found = [t.get_text() for t in soup_of(html, name).select("div.transcript-turn .transcript-speaker")]
    assert found == SPEAKERS[name]


@pytest.mark.parametrize("name", ["label-zero-width", "label-upper", "label-pronouns-declared"])
def test_a_label_read_by_normalising_it_is_noted_at_its_line(html: Built, name: str) -> None:
    page = page_file(html, name)
    lineno = directive_line(page) + 4 + (name == "label-pronouns-declared")
    assert re.search(rf"{re.escape(str(page))}:{lineno}: note: label .* is read as ", html.status())


# -- the holes this suite found: each, down to the function ------------------------------------


def test_a_numbered_latex_primitive_is_an_attempt_at_markup() -> None:
    (problem,) = markup.suspicious(Paragraph(7, ("run \\write18{touch x} now",)))
    assert (problem.lineno, problem.kind) == (7, "markup")


@pytest.mark.parametrize("label", ["Élodie Martin", "Øyvind Berg", "Łukasz Nowak", "Ngozi Ọkafọ",
                                   "E\u0301lodie Martin", "Ада Лавлейс"])
def test_a_label_starting_with_a_non_ascii_capital_looks_like_a_label(label: str) -> None:
    from sphinx_transcripts.readers import FORMATS, ParseContext

    context = ParseContext(labels=labels.LabelTable({"Ada Host": "Ada Host"}))
    parsed = FORMATS["labeled"].parse(["Ada Host: hello", f"{label}: hi"], 1, context)
    assert [(p.lineno, p.kind) for p in parsed.problems] == [(2, "undeclared-label")]


@pytest.mark.parametrize("text", ["2020.", "007. Licensed.", "1)", "Saved on C:\\", "\\",
                                  "1. one\n2.", "- a list\n3."])
def test_numbers_and_backslashes_are_kept_as_written(text: str) -> None:
    paragraph = Paragraph(1, tuple(text.split("\n")))
    shown = " ".join(node.astext() for node in markup.to_nodes(paragraph, "t.txt"))
    assert shown.split() == text.replace("- ", "").split()


def test_a_zero_width_character_inside_a_decomposed_letter_is_ignored() -> None:
    table = labels.LabelTable({"Zoë Ek": "Zoë Ek"})
    match = table.match_line("Zoe\u200b\u0308 Ek: hi")
    assert match is not None and match[0].speaker == "Zoë Ek"


@pytest.mark.parametrize("data", [b"\xff\xfeabc", b"\xfe\xffabc", b"\xef\xbb\xbfcaf\xe9"])
def test_a_byte_order_mark_that_lies_is_not_believed(data: bytes) -> None:
    """Latin-1 text may start with the bytes of a mark ("ÿþ"): what follows is not
    UTF-16 (an odd number of bytes), so it is read as Windows-1252, with a warning."""
    text, problems = source.decode(data)
    assert text == data.decode("cp1252")
    assert [p.kind for p in problems] == ["encoding"]


def test_lines_are_numbered_as_an_editor_numbers_them(tmp_path: Path) -> None:
    """Only a line feed ends a line: U+2028, U+2029, U+0085 and form feeds do not."""
    text = ("one\u2028still one\u2029and\u0085one, and long enough to be read as text, not data\n"
            "two \x0c\x0b\x1c\x1d\x1e\nthree\rfour\r\nfive\n")
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode("utf-8"))
    read = source.read_file(path, tmp_path, "t.txt")
    assert read.lines[0].startswith("one") and read.lines[1] == "two " and read.lines[4] == "five"
    assert [p.lineno for p in read.problems] == [2]
    assert "5 control character(s)" in read.problems[0].message


# -- a 20,000-turn transcript ------------------------------------------------------------------

HUGE_TURNS = 20_000


@pytest.fixture(scope="module")
def huge(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("huge")
    srcdir = base / "src"
    srcdir.mkdir()
    shutil.copy(rootdir / "test-hostile" / "conf.py", srcdir)
    shutil.copy(rootdir / "test-hostile" / "speakers.toml", srcdir)
    lines = []
    for number in range(HUGE_TURNS // 2):
        lines.append(f"Ada Host: Question {number} <script>alert({number})</script>?")
        lines.append(f"Bob Guest: Answer {number}.")
    (srcdir / "huge.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (srcdir / "index.md").write_text(
        "# Huge\n\n```{transcript} huge.txt\n:host: Ada Host\n:guests: Bob Guest\n```\n",
        encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir, builddir=base / "build", freshenv=True)
    started = time.perf_counter()
    try:
        app.build()
    finally:
        app.cleanup()
    built = Built(app, b"", time.perf_counter() - started)
    print(f"\nthe {HUGE_TURNS}-turn transcript built in {built.seconds:.1f} s")
    return built


def test_a_20000_turn_transcript_builds_with_every_turn_and_warning(huge: Built) -> None:
    assert huge.app.statuscode == 0
    assert "Traceback" not in huge.status()
    page = Path(huge.app.outdir, "index.html").read_bytes()
    assert page.count(b'<div class="transcript-turn ') == HUGE_TURNS
    assert b"<script>alert(" not in page
    assert f"Answer {HUGE_TURNS // 2 - 1}.".encode() in page
    # every <script> line is reported, at its own line of the file
    warnings = [w for w in huge.warnings() if "[transcript.markup]" in w and "huge.txt" in w]
    assert len(warnings) == HUGE_TURNS // 2
    assert warnings[-1].startswith(f"{huge.srcdir / 'huge.txt'}:{HUGE_TURNS - 1}: WARNING:")
    # how the time grows with the input is asserted on size ratios, not wall-clock
    # limits, in test_bounded.py; the build's own time is a benchmark's business


@pytest.mark.parametrize(("written", "shown"), [
    ("[a]()", "[a]()"), ("[]()", "[]()"), ("so [*this* one]( ) then", "so [this one]() then"),
])
def test_a_link_to_nowhere_is_shown_as_written_not_linked(written: str, shown: str) -> None:
    """CommonMark makes ``[a]()`` a link with an empty address: shown as text, never a link."""
    from docutils import nodes
    from sphinx_transcripts.dialogue import markup
    from sphinx_transcripts.model import Paragraph

    [para] = markup.to_nodes(Paragraph(1, (written,)), "t.txt")
    assert not list(para.findall(nodes.reference))
    assert para.astext() == shown
