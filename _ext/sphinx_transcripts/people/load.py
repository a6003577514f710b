"""Loading the speaker registry into the build (the Sphinx side of :mod:`.registry`).

The registry file named by ``transcripts_speakers`` is read once per build,
when Sphinx looks for outdated documents (``env-get-outdated``, see
:mod:`.lookups`, which also decides which pages the changes concern),
and kept on the environment.  Its problems (bad TOML, unknown fields, a
missing or misplaced avatar image, one that cannot be re-drawn as a
picture: :func:`.avatars.image_problem`) are warnings located at the
registry's file and line, given on every build; a speaker whose image cannot
be published falls back to a generated avatar.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..dialogue.markup import suspicious
from ..limits import read_bounded, too_large
from ..model import Paragraph
from ..state import state
from .avatars import image_problem
from .registry import Registry, RegistryProblem, Speaker, _line_of, parse_registry, value_line

logger = logging.getLogger(__name__)


class LoadedRegistry(Registry):
    """A registry, the project-relative path of its file, a digest of the
    file's text, and the avatar image each speaker names inside the project
    (``images``, by speaker name), found or not."""

    def __init__(
        self,
        speakers: tuple[Speaker, ...] = (),
        path: str = "",
        images: Mapping[str, str] | None = None,
        digest: str = "",
        broken: bool = False,
    ) -> None:
        super().__init__(speakers, broken)
        self.path = path
        self.images = dict(images or {})
        self.digest = digest

    def same_as(self, other: LoadedRegistry) -> bool:
        """The same file, text and speakers (an avatar found or lost changes them)."""
        return (self.path, self.digest, self.speakers, self.images, self.broken) == (
            other.path, other.digest, other.speakers, other.images, other.broken,
        )


def load_registry(app: Sphinx) -> LoadedRegistry:
    """Read and check the registry named in the configuration."""
    found = _read(app)
    if found is None:  # named but not there or unreadable: said once, at start-up or by _read
        return LoadedRegistry(broken=bool(app.config.transcripts_speakers))
    file, text = found
    srcdir = Path(app.srcdir).resolve()
    try:
        rel_dir: PurePosixPath | None = PurePosixPath(file.parent.relative_to(srcdir).as_posix())
    except ValueError:
        rel_dir = None
    registry, problems = parse_registry(text, rel_dir or PurePosixPath())
    _warn(sorted([*problems, *_markup(registry, text)], key=lambda p: p.lineno), file)
    speakers, images = _check_avatars(registry, text, file, srcdir, inside=rel_dir is not None)
    rel = file.relative_to(srcdir).as_posix() if file.is_relative_to(srcdir) else str(file)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return LoadedRegistry(speakers, rel, images, digest, registry.broken)


def _read(app: Sphinx) -> tuple[Path, str] | None:
    """The registry file and its text, or None (not set, not there, unreadable)."""
    setting = app.config.transcripts_speakers
    if not setting:
        return None
    file = (Path(app.confdir) / setting).resolve()
    if not file.is_file():
        return None  # config.check() has said so once, at start-up
    try:
        data = read_bounded(file)
        if data is None:
            logger.warning(f"transcripts_speakers: the speaker registry {setting!r} "
                           f"{too_large(file.stat().st_size)}", location=f"{file}:0",
                           type="transcript", subtype="registry")
            return None
        # editors on Windows add a BOM; line ends read as read_text() reads them
        return file, data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        logger.warning(
            f"transcripts_speakers: cannot read the speaker registry {setting!r}: {exc}",
            type="transcript", subtype="registry",
        )
        return None


def _warn(problems: list[RegistryProblem], file: Path) -> None:
    for problem in problems:
        logger.warning(problem.message, location=f"{file}:{problem.lineno}",
                       type="transcript", subtype=problem.kind)


def _markup(registry: Registry, text: str) -> list[RegistryProblem]:
    """A bio is shown as plain text; what looks like markup in it is a problem
    at its line, as in a transcript (kind ``markup`` or ``link``)."""
    out: list[RegistryProblem] = []
    for speaker in registry:
        if not speaker.bio:
            continue
        first = value_line(text, speaker.name, "bio", speaker.bio)
        paragraph = Paragraph(first, tuple(speaker.bio.split("\n")))
        out.extend(RegistryProblem(problem.lineno, problem.message, problem.kind)
                   for problem in suspicious(paragraph, f"the bio of {speaker.name!r}"))
    return out


def _check_avatars(
    registry: Registry, text: str, file: Path, srcdir: Path, *, inside: bool
) -> tuple[tuple[Speaker, ...], dict[str, str]]:
    """Every speaker, with a generated avatar instead of an image that is not
    there, and the images inside the project by speaker name (found or not:
    a page that shows a missing one must pick it up once it exists).

    ``inside``: the registry file is inside the project (else no image is).
    """
    checked = []
    images = {}
    for speaker in registry:
        if speaker.avatar:
            image = (srcdir / speaker.avatar).resolve()
            trouble = ""
            if not inside or not image.is_relative_to(srcdir):
                trouble = "is outside the project"
            else:
                images[speaker.name] = speaker.avatar
                if image.is_dir():
                    trouble = "is a folder, not an image"
                elif not image.exists():
                    trouble = "does not exist"
                elif not image.is_file():
                    trouble = "is not a regular file"
                else:
                    # re-drawn here, once a version of the file: the pages only copy it
                    trouble = image_problem(image)
            if trouble:
                entry = _line_of(text, f'"{speaker.name}"', name=speaker.name)
                found = _line_of(text, speaker.avatar.rsplit('/', 1)[-1], entry, speaker.name)
                where = f"{file}:{found}"
                logger.warning(
                    f"avatar image of {speaker.name!r} ({speaker.avatar}) {trouble}; "
                    "a generated avatar is used",
                    location=where, type="transcript", subtype="avatar",
                )
                speaker = replace(speaker, avatar=None)
        checked.append(speaker)
    return tuple(checked), images


def load_once(app: Sphinx, env: BuildEnvironment) -> tuple[LoadedRegistry | None, LoadedRegistry]:
    """Load the registry for this build: ``(last build's, this build's)``.

    Called when Sphinx looks for outdated documents; ``env-before-read-docs``
    loads it only if that did not happen, so it is read once a build.
    """
    kept = state(env)
    before, kept.registry = kept.registry, load_registry(app)
    kept.registry_fresh = True
    return before, kept.registry


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    kept = state(env)
    if not kept.registry_fresh:
        kept.registry = load_registry(app)
    kept.registry_fresh = False


def get_registry(env: BuildEnvironment) -> LoadedRegistry:
    """The registry of this build, loaded by :func:`load_once`.

    Pages read it through :func:`.lookups.registry_for`, which records
    what they look up; this is for what is made at write time (cards, the
    people page's appearances), which is not recorded.  An empty registry
    (an unparsable file, say) is still the file's: ``is None``, not ``or``,
    since a registry with no speakers is falsy.
    """
    registry = state(env).registry
    return LoadedRegistry() if registry is None else registry
