"""The reader's experience, checked in Chromium on the built site.

Every page: loads with no console error and no failed request, passes an
axe-core scan with no waivers in light and dark mode, does not overflow at
375 px; the keyboard reaches every quote link (and glossary link, if any)
with a visible focus; search finds a spoken phrase.  Screenshots of every page in
light, dark and phone width are written to ``_build/screenshots/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from browser.conftest import site_pages
from browser.pages import opened

INTERVIEWS = sorted(f"interviews/{p.stem}.html" for p in (ROOT / "interviews").glob("*.md"))
PAGES = sorted(["index.html", "people.html", "glossary.html", "reference.html", "genindex.html", "search.html", "404.html", *INTERVIEWS])
TRANSCRIPT_PAGES = [
    "interviews/aritra-roy-gosthipaty.html",
    "interviews/deep-learning-with-pytorch.html",
    "interviews/sylvain-gugger.html",
]

# the links the glossary linker made (the wrapper span holds the link and its tip)
GLOSSARY_LINKS = ".autoglossary > a"


def shot_name(page: str, mode: str) -> str:
    return f"{page.removesuffix('.html').replace('/', '-')}-{mode}.png"


def test_every_page_is_tested(site: Path) -> None:
    assert site_pages(site) == PAGES


def _screenshot(page: Any, path: Path) -> None:
    # avatars are loading="lazy": load them all so a full-page shot shows them
    page.evaluate(
        """async () => { for (const img of document.images) { img.loading = 'eager';
            if (!img.complete) await new Promise(r => { img.onload = img.onerror = r; }); } }"""
    )
    tall = page.evaluate("document.scrollingElement.scrollHeight") > 5000
    page.screenshot(path=str(path), full_page=not tall)


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_and_passes_axe(
    browser: Any, base_url: str, axe_script: Path, screenshots: Path, name: str, mode: str
) -> None:
    with opened(browser, base_url + name, dark=mode == "dark") as page:
        theme = page.evaluate("document.body.dataset.theme")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        channels = [int(c) for c in re.findall(r"\d+", background)[:3]]
        if mode == "dark":
            assert theme == "dark"
            assert sum(channels) < 150, f"dark mode did not darken the page: {background}"
        else:
            assert sum(channels) > 600, f"light mode is not light: {background}"
        _screenshot(page, screenshots / shot_name(name, mode))

        page.add_script_tag(path=str(axe_script))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found = []
        for violation in result["violations"]:
            for node in violation["nodes"]:
                found.append(
                    f"{violation['id']} ({violation['impact']}) at {node['target']}: "
                    f"{node['failureSummary']}"
                )
        assert not found, "\n".join(found)


@pytest.mark.parametrize("name", PAGES)
def test_phone_width_does_not_overflow(browser: Any, base_url: str, screenshots: Path, name: str) -> None:
    with opened(browser, base_url + name, width=375) as page:
        _screenshot(page, screenshots / shot_name(name, "phone"))
        widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        wide = page.evaluate(
            """() => [...document.querySelectorAll('article *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 60))"""
        )
        assert widths[0] <= widths[1], f"page is {widths[0]}px wide at {widths[1]}px: {wide}"


FOCUS_STYLE = """e => { const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); }"""


@pytest.mark.parametrize("name", TRANSCRIPT_PAGES)
def test_keyboard_reaches_every_quote_link_with_visible_focus(
    browser: Any, base_url: str, name: str
) -> None:
    with opened(browser, base_url + name, clean=False) as page:
        quotes = page.eval_on_selector_all("a.transcript-permalink", "els => els.map(e => e.getAttribute('href'))")
        glossary = page.eval_on_selector_all(GLOSSARY_LINKS, "els => els.length")
        assert quotes, "no quote links on a transcript page"
        focusable = page.evaluate("document.querySelectorAll('a[href], button, input, [tabindex]').length")
        reached: set[str] = set()
        reached_glossary = 0
        first_quote_style = None
        for _ in range(focusable + 20):
            page.keyboard.press("Tab")
            kind, href, style = page.evaluate(
                f"""() => {{ const e = document.activeElement;
                    if (!e) return ['', '', ''];
                    const kind = e.matches('a.transcript-permalink') ? 'quote'
                        : e.matches({GLOSSARY_LINKS!r}) ? 'glossary' : '';
                    return [kind, e.getAttribute('href') || '', kind ? ({FOCUS_STYLE})(e) : ''];
                }}"""
            )
            if kind == "quote":
                reached.add(href)
                first_quote_style = first_quote_style or (href, style)
            elif kind == "glossary":
                reached_glossary += 1
            if len(reached) == len(quotes) and reached_glossary >= glossary:
                break
        assert reached == set(quotes), f"not reached by Tab: {sorted(set(quotes) - reached)[:5]}"
        assert reached_glossary >= glossary, f"{glossary - reached_glossary} glossary links not reached"
        assert glossary, "no automatic glossary link on a transcript page"

        # focusing a glossary link by keyboard shows its definition; leaving hides it
        tip_shown = """e => { const tip = e.parentElement.querySelector('.autoglossary-tip');
            const s = getComputedStyle(tip); const r = tip.getBoundingClientRect();
            return s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0'
                   && r.width > 0 && r.height > 0; }"""
        page.evaluate("document.activeElement.blur()")
        assert not page.eval_on_selector(GLOSSARY_LINKS, tip_shown), "tip visible without focus"
        page.focus(GLOSSARY_LINKS)
        assert page.eval_on_selector(GLOSSARY_LINKS, tip_shown), "focus does not show the tip"
        page.evaluate("document.activeElement.blur()")

        assert first_quote_style is not None
        href, focused = first_quote_style
        page.evaluate("document.activeElement.blur()")
        unfocused = page.eval_on_selector(f'a.transcript-permalink[href="{href}"]', FOCUS_STYLE)
        assert focused != unfocused, "focus changes nothing visible on a quote link"
        outline_style, outline_width, _, shadow = focused.split(" | ")
        ring = (outline_style != "none" and outline_width != "0px") or shadow != "none"
        assert ring, f"no focus ring: {focused}"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # spoken by Sylvain Gugger
        ("vaguely recognizing digits", "interviews/sylvain-gugger.html"),
        # a speaker's name
        ("Viehmann", "interviews/deep-learning-with-pytorch.html"),
    ],
)
def test_search_finds_what_was_said_and_who_said_it(
    browser: Any, base_url: str, query: str, expected: str
) -> None:
    with opened(browser, f"{base_url}search.html?q={query.replace(' ', '+')}") as page:
        link = page.locator(f'#search-results a[href^="{expected}"]').first
        link.wait_for(timeout=15000)
        link.click()
        page.wait_for_load_state("networkidle")
        assert page.url.split("?")[0].split("#")[0].endswith(expected)


def test_speaker_name_leads_to_their_section_on_the_people_page(browser: Any, base_url: str) -> None:
    with opened(browser, base_url + "interviews/sylvain-gugger.html", clean=False) as page:
        # the second turn, found by its old address inside it
        page.locator("div.transcript-turn:has(> #turn-2) a.transcript-speaker-link").click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("people.html#person-sylvain-gugger")
        section = page.locator("#person-sylvain-gugger")
        assert section.locator("h2").inner_text().startswith("Sylvain Gugger")
        assert "turns" in section.inner_text()


def test_landing_page_card_leads_to_its_text(browser: Any, base_url: str) -> None:
    with opened(browser, base_url + "index.html", clean=False) as page:
        cards = page.locator(".transcript-card")
        assert cards.count() == len(INTERVIEWS)
        card = cards.filter(has_text="Sylvain Gugger on fast.ai")
        assert re.search(r"\d+ min read", card.inner_text())
        # the whole card is the link's target (sphinx-design's stretched link)
        card.click(position={"x": 30, "y": 20})
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("interviews/sylvain-gugger.html")


def test_a_quote_link_copies_its_address_from_the_keyboard(browser: Any, base_url: str) -> None:
    url = base_url + "interviews/sylvain-gugger.html"
    with opened(browser, url, clipboard=True) as page:
        # the third turn's address: who speaks and how the turn opens
        quote = "#sanyam-bhutani-youve-worked-as-a-math"
        page.focus(f'a.transcript-permalink[href="{quote}"]')
        page.keyboard.press("Enter")
        page.wait_for_selector(f'a.transcript-permalink[href="{quote}"][data-copied]')
        assert page.evaluate("navigator.clipboard.readText()") == url + quote
        assert page.evaluate("location.hash") == quote
        page.wait_for_function(
            "document.querySelector('[role=status]').textContent === 'Link to this quote copied'"
        )


def test_search_excerpts_show_the_page_not_glossary_tips(browser: Any, base_url: str) -> None:
    """A result's excerpt is cut from the page's own words, never from a tooltip."""
    with opened(browser, f"{base_url}search.html?q=Pytorch") as page:
        page.locator("#search-results li p.context").first.wait_for(timeout=15000)
        page.wait_for_function(
            "document.querySelector('#search-results .search-summary')?.textContent.length > 0"
        )
        excerpts = page.eval_on_selector_all(
            "#search-results li p.context", "els => els.map(e => e.textContent)"
        )
        assert excerpts
        tip = "An open-source deep learning library for Python"  # the PyTorch entry's definition
        assert [e for e in excerpts if tip in e] == []
