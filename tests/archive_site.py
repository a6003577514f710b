"""A generated archive for the navigation tests: seasons of small episodes.

``write_archive`` fills a copy of tests/roots/test-archive with one folder
per season (``seasons/<year>/``), its ``index.md`` an ``archive`` with no
entries (every page of the folder), and numbered episodes, each with a
date, a duration and two people (a URL episode: no media file to read).
"""

from __future__ import annotations

from pathlib import Path

SEASON_PAGE = "# {year}\n\nThe episodes of {year}.\n\n```{{archive}}\n```\n"

EPISODE = """\
---
summary: Episode {number} of {year}, about keeping things small.
date: {year}-{month:02d}-{day:02d}
duration: {minutes}:30
---

# {title}

```{{transcript}}
:host: Nora Host
:guests: {guest}
:audio: https://media.example.org/long/{year}-{number:03d}.mp3

Nora Host: What did you keep small this time, number {number}?
{guest}: The list of things I keep small, and nothing else.
```
"""


def episode_name(year: int, number: int) -> str:
    return f"seasons/{year}/{number:03d}"


def write_episode(src: Path, year: int, number: int, title: str = "") -> str:
    """Write one episode (dated in its year) and return its document name."""
    docname = episode_name(year, number)
    text = EPISODE.format(
        year=year, number=number, month=1 + (number - 1) % 12, day=1 + (number - 1) // 12,
        minutes=30 + number % 20, guest="Pim Guest" if number % 2 else "Quin Guest",
        title=title or f"Small things, part {number}",
    )
    path = src / f"{docname}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return docname


def write_season(src: Path, year: int, episodes: int) -> list[str]:
    """A season's page and its episodes; the episodes' document names."""
    folder = src / "seasons" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(SEASON_PAGE.format(year=year), encoding="utf-8")
    return [write_episode(src, year, number) for number in range(1, episodes + 1)]


def write_archive(src: Path, seasons: dict[int, int]) -> dict[int, list[str]]:
    """Every season (year: how many episodes); the episodes of each."""
    return {year: write_season(src, year, count) for year, count in seasons.items()}
