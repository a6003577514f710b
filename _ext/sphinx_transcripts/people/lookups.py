"""Which registry entries each page used, and what to do when they change.

A page does not depend on the whole registry file, only on the answers it
got from it: the speakers its transcripts declare (with their aliases, which
make the labels of its turns), the author of its byline, the people its
``{person}`` roles name, a name it looked up and did not find (adding that
person later changes the page).  While a page is read, every look-up goes
through :class:`RegistryUse`, which records it with a fingerprint of the
answer; the people page, which lists everyone, records the whole registry.
Avatar images stay file dependencies of the pages that show them.

When the registry changes (:func:`.load.load_once` reads it once a
build, at ``env-get-outdated``), a page is re-read only if one of its
look-ups now has another answer: an entry edited or removed, or one added
under a name or alias the page looked up.  Pages of cards show other pages'
people with their avatars, made when the page is written (:mod:`..collection.cards`):
they are written again, not re-read, when a page they list was re-read or
a person on them changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..state import PerDocumentCollector, state
from .appearances import facts
from .load import LoadedRegistry, get_registry, load_once
from .registry import Registry, Speaker

#: the look-up key of a page that used every entry (the people page)
EVERY = "*"


def fingerprint(answer: object) -> str:
    """A short, stable digest of what a look-up answered."""
    return hashlib.blake2b(repr(answer).encode("utf-8"), digest_size=8).hexdigest()


def answer(registry: Registry, key: str) -> str:
    """The fingerprint of look-up ``key`` ("resolve:Name", "get:Name", "*").

    With the speaker goes the image the registry names for them, found or
    not: a speaker given an image that is not there yet looks the same (a
    generated avatar) but the page must now wait for the image.  And whether
    the registry could be read: a page holds back its warnings about people
    while it cannot, and must give them once it can.
    """
    images = getattr(registry, "images", {})
    if key == EVERY:
        return fingerprint((registry.speakers, sorted(images.items()), registry.broken))
    how, _, name = key.partition(":")
    found = registry.get(name) if how == "get" else registry.resolve(name)
    image = images.get(found.name) if found is not None and not found.unregistered else None
    return fingerprint((found, image, registry.broken))


def uses(env: BuildEnvironment) -> dict[str, dict[str, str]]:
    """By document: look-up key -> fingerprint of its answer when it was read."""
    return state(env).registry_uses


class RegistryUse(Registry):
    """The registry as the document being read sees it: same answers, recorded.

    Use ``get``, ``resolve`` and iteration; ``speakers`` is not recorded.
    """

    def __init__(self, loaded: LoadedRegistry, env: BuildEnvironment) -> None:
        super().__init__(loaded.speakers, loaded.broken)
        self.path = loaded.path
        self._loaded = loaded
        self._env = env

    @property
    def _used(self) -> dict[str, str]:
        return uses(self._env).setdefault(self._env.docname, {})

    def _record(self, key: str, found: Speaker | None) -> None:
        used = self._used
        if key not in used:
            used[key] = answer(self._loaded, key)
        image = self._loaded.images.get(found.name) if found and not found.unregistered else None
        if image:
            self._env.note_dependency(image)

    def get(self, name: str) -> Speaker | None:
        found = super().get(name)
        self._record(f"get:{name}", found)
        return found

    def resolve(self, name: str) -> Speaker:
        found = super().resolve(name)
        self._record(f"resolve:{name}", found)
        return found

    def _every(self) -> None:
        self._used.setdefault(EVERY, answer(self._loaded, EVERY))
        for image in self._loaded.images.values():
            self._env.note_dependency(image)

    def __iter__(self) -> Iterator[Speaker]:
        self._every()
        return super().__iter__()  # type: ignore[no-any-return]

    def __len__(self) -> int:
        self._every()
        return super().__len__()


def registry_for(env: BuildEnvironment) -> RegistryUse:
    """The registry for the document being read, recording what it looks up."""
    return RegistryUse(get_registry(env), env)


def stale(used: dict[str, str], registry: Registry) -> bool:
    """Would any of a page's look-ups answer differently now?"""
    return any(answer(registry, key) != before for key, before in used.items())


class RegistryUseCollector(PerDocumentCollector):
    """Keeps each page's look-ups; loads the registry and finds the pages it changed."""

    records = "registry_uses"

    def process_doc(self, app: Sphinx, doctree: object) -> None:
        pass  # recorded while reading, by RegistryUse

    def get_outdated_docs(
        self, app: Sphinx, env: BuildEnvironment,
        added: set[str], changed: set[str], removed: set[str],
    ) -> list[str]:
        before, now = load_once(app, env)
        state(env).rewrite = []
        if before is None or now.same_as(before):
            return []
        reread = sorted(
            doc for doc, used in uses(env).items()
            if doc in env.found_docs and doc not in removed and stale(used, now)
        )
        state(env).rewrite = cards_to_rewrite(env, before, now, set(reread))
        return reread

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        kept = state(env)
        rewrite, kept.rewrite = kept.rewrite, []
        return rewrite


def cards_to_rewrite(
    env: BuildEnvironment, before: Registry, now: Registry, reread: set[str]
) -> list[str]:
    """Pages of cards (see :mod:`..collection.cards`) whose cards changed with the registry:
    they list a page re-read for it (its word count, its people may have
    changed), or show a person whose entry changed (an avatar, say).  The
    cards are made when the page is written: writing it again is enough."""
    found = facts(env)
    out = []
    for docname, page in found.items():
        if not page.aggregates or docname in reread:
            continue
        listed = env.toctree_includes.get(docname, [])
        people = {name for doc in listed if doc in found for name in found[doc].people}
        if reread & set(listed) or any(
            answer(before, f"resolve:{name}") != answer(now, f"resolve:{name}") for name in people
        ):
            out.append(docname)
    return sorted(out)


def setup(app: Sphinx) -> None:
    app.add_env_collector(RegistryUseCollector)
