"""Loading the speaker registry into the build (the Sphinx side of :mod:`.speakers`).

The registry file named by ``transcripts_speakers`` is read once per build,
before any document, and kept on the environment.  Its problems (bad TOML,
unknown fields, a missing or misplaced avatar image) are warnings located at
the registry's file and line; a speaker whose image is missing falls back to
a generated avatar.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .speakers import Registry, Speaker, _line_of, parse_registry

logger = logging.getLogger(__name__)


class LoadedRegistry(Registry):
    """A registry, the project-relative path of its file, and the avatar
    images it names inside the project (``images``), found or not."""

    def __init__(
        self, speakers: tuple[Speaker, ...] = (), path: str = "", images: tuple[str, ...] = ()
    ) -> None:
        super().__init__(speakers)
        self.path = path
        self.images = images

    def note_dependencies(self, env: BuildEnvironment) -> None:
        """Make the current document depend on the registry and its images.

        A page shows the pictures as well as the names and bios: replacing
        or removing an image must re-read it like editing the file does.  A
        missing image is a dependency too: Sphinx re-reads a page whose
        dependency is missing, so the page picks the image up once it exists.
        """
        if self.path:
            env.note_dependency(self.path)
        for image in self.images:
            env.note_dependency(image)


def load_registry(app: Sphinx) -> LoadedRegistry:
    """Read and check the registry named in the configuration."""
    setting = app.config.transcripts_speakers
    if not setting:
        return LoadedRegistry()
    file = (Path(app.confdir) / setting).resolve()
    srcdir = Path(app.srcdir).resolve()
    if not file.is_file():
        return LoadedRegistry()  # config.check() has said so once, at start-up
    try:
        text = file.read_text(encoding="utf-8-sig")  # editors on Windows add a BOM
    except (OSError, UnicodeDecodeError) as exc:
        logger.warning(
            f"transcripts_speakers: cannot read the speaker registry {setting!r}: {exc}",
            type="transcript", subtype="registry",
        )
        return LoadedRegistry()
    try:
        rel_dir = PurePosixPath(file.parent.relative_to(srcdir).as_posix())
    except ValueError:
        rel_dir = None
    registry, problems = parse_registry(text, rel_dir or PurePosixPath())
    for problem in problems:
        logger.warning(problem.message, location=f"{file}:{problem.lineno}",
                       type="transcript", subtype="registry")
    checked = []
    images = []
    for speaker in registry:
        if speaker.avatar:
            image = (srcdir / speaker.avatar).resolve()
            entry = _line_of(text, f'"{speaker.name}"')
            where = f"{file}:{_line_of(text, speaker.avatar.rsplit('/', 1)[-1], entry)}"
            trouble = ""
            if rel_dir is None or not image.is_relative_to(srcdir):
                trouble = "is outside the project"
            else:
                images.append(speaker.avatar)
                if image.is_dir():
                    trouble = "is a folder, not an image"
                elif not image.is_file():
                    trouble = "does not exist"
            if trouble:
                logger.warning(
                    f"avatar image of {speaker.name!r} ({speaker.avatar}) {trouble}; "
                    "a generated avatar is used",
                    location=where, type="transcript", subtype="avatar",
                )
                speaker = Speaker(speaker.name, speaker.bio, speaker.aliases, None, speaker.url)
        checked.append(speaker)
    rel = file.relative_to(srcdir).as_posix() if file.is_relative_to(srcdir) else str(file)
    return LoadedRegistry(tuple(checked), rel, tuple(images))


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.transcripts_registry = load_registry(app)  # type: ignore[attr-defined]


def get_registry(env: BuildEnvironment) -> LoadedRegistry:
    """The registry of this build, loaded by ``env-before-read-docs``.

    An empty registry (an unparsable file, say) is still the file's: its path
    must stay known, so pages read now depend on it and are re-read once it is
    fixed.  Hence ``is None``, not ``or``: a registry with no speakers is falsy.
    """
    registry = getattr(env, "transcripts_registry", None)
    return LoadedRegistry() if registry is None else registry
