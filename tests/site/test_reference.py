"""reference.md documents everything the two extensions register.

What they register is found by running each extension's ``setup()`` against
a recording stand-in for the Sphinx application: a directive, an option, a
role or a configuration value added tomorrow is looked for on the page
without this test changing.  The warning subtypes are found in the source
(every literal kind of a problem, every literal ``subtype=``), and the
input formats in ``sphinx_transcripts.readers.FORMATS``.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sphinx_transcripts
import sphinx_transcripts.glossary
from conftest import ROOT
from docutils.parsers.rst import directives, roles
from sphinx.testing.util import SphinxTestApp
from sphinx_transcripts import warning_types
from sphinx_transcripts.readers import FORMATS

PAGE = ROOT / "reference.md"
TEXT = PAGE.read_text(encoding="utf-8")
EXTENSIONS = {"sphinx_transcripts": sphinx_transcripts, "sphinx_transcripts.glossary": sphinx_transcripts.glossary}


class _Anything:
    """Whatever setup() asks of the application and does not matter here."""

    def __call__(self, *args: Any, **kwargs: Any) -> _Anything:
        return self

    def __getattr__(self, name: str) -> _Anything:
        return self


@dataclass
class Recorder:
    """Stands in for the Sphinx application during an extension's setup()."""

    directives: dict[str, type] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)

    def add_directive(self, name: str, cls: type, override: bool = False) -> None:
        self.directives[name] = cls

    def add_role(self, name: str, role: object, override: bool = False) -> None:
        self.roles.append(name)

    def add_config_value(self, name: str, default: Any, *args: Any, **kwargs: Any) -> None:
        self.config[name] = default

    def setup_extension(self, name: str) -> None:
        """Another extension's registrations are its own business."""

    def __getattr__(self, name: str) -> Callable[..., Any]:
        return _Anything()


def registered() -> Recorder:
    recorder = Recorder()
    for module in EXTENSIONS.values():
        module.setup(recorder)
    return recorder


REGISTERED = registered()


@dataclass(frozen=True)
class Section:
    level: int
    title: str
    body: str


def sections(markdown: str) -> list[Section]:
    """The page's sections, each with its text up to the next heading of the
    same or a higher level (headings inside code fences do not count)."""
    headings: list[tuple[int, int, str]] = []
    lines = markdown.splitlines()
    fence = ""
    for number, line in enumerate(lines):
        opening = re.match(r"^(`{3,}|~{3,})", line)
        if opening and not fence:
            fence = opening.group(1)
        elif fence and line.strip() == fence:
            fence = ""
        elif not fence and (heading := re.match(r"^(#{1,6})\s+(.*)$", line)):
            headings.append((number, len(heading.group(1)), heading.group(2).strip()))
    found = []
    for index, (number, level, title) in enumerate(headings):
        end = next((n for n, lv, _ in headings[index + 1:] if lv <= level), len(lines))
        found.append(Section(level, title, "\n".join(lines[number:end])))
    return found


SECTIONS = sections(TEXT)


def section(name: str) -> Section:
    """The section whose heading names ``name`` in backticks."""
    matches = [s for s in SECTIONS if s.title == f"`{name}`"]
    assert len(matches) == 1, f"reference.md has no heading `{name}`, or more than one"
    return matches[0]


@pytest.mark.sphinx("html", testroot="latex-escaping")
def test_the_recorder_sees_what_a_real_application_registers(app: SphinxTestApp) -> None:
    assert set(app.extensions) >= set(EXTENSIONS)
    assert set(REGISTERED.directives) >= {"transcript", "byline", "people", "collection", "glossary-aliases"}
    for name, cls in REGISTERED.directives.items():
        assert directives._directives[name] is cls
    assert REGISTERED.roles == ["person"]
    assert all(name in roles._roles for name in REGISTERED.roles)
    # the configuration values keep the names they had before the package was renamed
    ours = {value.name for value in app.config if value.name.startswith(("transcripts_", "autoglossary_"))}
    assert ours == set(REGISTERED.config)
    for name, default in REGISTERED.config.items():
        assert app.config.values[name].default == default


@pytest.mark.parametrize("name", sorted(REGISTERED.directives))
def test_every_directive_and_each_of_its_options_is_documented(name: str) -> None:
    body = section(name).body
    options = getattr(REGISTERED.directives[name], "option_spec", None) or {}
    missing = [option for option in options if f"`:{option}:" not in body]
    assert missing == [], f"options of {name!r} not documented in its section: {missing}"
    assert f"{{{name}}}" in body, f"no example of {name!r}"


@pytest.mark.parametrize("name", sorted(REGISTERED.roles))
def test_every_role_is_documented(name: str) -> None:
    body = section(name).body
    assert f"{{{name}}}`" in body and f":{name}:`" in body, f"no MyST and reST example of {name!r}"


def literal(value: Any) -> str:
    """A default as conf.py would write it, the page's way (double quotes)."""
    return json.dumps(value) if isinstance(value, str | list) else repr(value)


@pytest.mark.parametrize("name", sorted(REGISTERED.config))
def test_every_config_value_is_documented_with_its_default(name: str) -> None:
    body = section(name).body
    default = REGISTERED.config[name]
    assert f"default `{literal(default)}`" in body, f"{name}: default {literal(default)} not documented"
    assert re.search(rf"^{re.escape(name)} = ", body, re.M), f"{name}: no conf.py example"


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_is_listed_with_its_title(name: str) -> None:
    options = section("transcript").body.replace("`", "")
    assert f"{name}: {FORMATS[name].title}" in options


#: where a problem's kind is a literal: (callee, position of the argument, its keyword)
KIND_ARGUMENTS = {
    "transcript": {"Problem": (1, "kind"), "SourceError": (1, "kind"), "problem": (1, "kind")},
    "autoglossary": {"Problem": (0, "subtype"), "_report": (0, "subtype")},
}
PACKAGE = ROOT / "_ext" / "sphinx_transcripts"
#: the modules whose problems are of each warning type
MODULES = {
    "transcript": [p for p in PACKAGE.rglob("*.py") if "glossary" not in p.relative_to(PACKAGE).parts],
    "autoglossary": list((PACKAGE / "glossary").rglob("*.py")),
}


def logged_subtypes() -> set[str]:
    """``type.subtype`` of every warning (and note) the code logs with a literal kind."""
    found: set[str] = set()
    for package, callees in KIND_ARGUMENTS.items():
        kind_type = package
        for path in MODULES[package]:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                keywords = {k.arg: k.value for k in node.keywords}
                callee = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                argument: ast.expr | None = None
                if callee in callees:
                    position, keyword = callees[callee]
                    argument = node.args[position] if len(node.args) > position else keywords.get(keyword)
                elif "subtype" in keywords and isinstance(keywords.get("type"), ast.Constant):
                    kind_type, argument = keywords["type"].value, keywords["subtype"]
                if isinstance(argument, ast.Constant):
                    found.add(f"{kind_type}.{argument.value}")
                kind_type = package
    return found


#: the table of every warning type (sphinx_transcripts/warning_types.py)
SUBTYPES = sorted(warning_types.qualified())


def test_the_subtypes_are_found() -> None:
    assert {"transcript.markup", "transcript.option", "transcript.config", "transcript.registry",
            "autoglossary.unused", "autoglossary.clash", "autoglossary.alias"} <= set(SUBTYPES)


def test_the_table_holds_what_the_code_logs_and_nothing_else() -> None:
    """mypy checks the kinds of Problem and SourceError against the table; a
    ``subtype=`` given to Sphinx's logger directly is checked here."""
    assert logged_subtypes() == set(SUBTYPES)


def test_the_page_documents_the_table_and_nothing_else() -> None:
    documented = {
        f"{kind_type}.{kind}"
        for kind_type in warning_types.TYPES
        for section in SECTIONS if section.title == f"Type `{kind_type}`"
        for kind in re.findall(rf"`{kind_type}\.([\w-]+)`", section.body)
    }
    assert documented == set(SUBTYPES)


@pytest.mark.parametrize("subtype", SUBTYPES)
def test_every_warning_subtype_is_documented(subtype: str) -> None:
    kind_type = subtype.partition(".")[0]
    [warnings] = [s for s in SECTIONS if s.title == f"Type `{kind_type}`"]
    assert f"`{subtype}`" in warnings.body


def test_the_page_is_in_the_site() -> None:
    index = (ROOT / "index.md").read_text(encoding="utf-8")
    assert re.search(r"^reference$", index, re.M)
    assert "{doc}`reference <reference>`" in index


def test_a_new_option_would_be_caught() -> None:
    class Extended(REGISTERED.directives["byline"]):
        option_spec = {**REGISTERED.directives["byline"].option_spec, "colour": None}

    body = section("byline").body
    assert [o for o in Extended.option_spec if f"`:{o}:" not in body] == ["colour"]


def test_sections_end_at_the_next_heading_of_their_level() -> None:
    parts = sections("# A\n\n## `b`\n\n```md\n# not a heading\n```\n\n### c\n\nx\n\n## d\n")
    assert [(s.level, s.title) for s in parts] == [(1, "A"), (2, "`b`"), (3, "c"), (2, "d")]
    assert parts[1].body.endswith("### c\n\nx\n")


def test_literal_writes_defaults_as_conf_py_does(tmp_path: Path) -> None:
    assert [literal(v) for v in ("", 600, 4.0, True, ["a"])] == ['""', "600", "4.0", "True", '["a"]']
