"""Quote it, in Chromium: the quote with its source, a link to exactly the words, the citation.

On the real site: a turn's "Copy quote" (mouse and keyboard) puts the turn's
words, the speaker, the episode's title and a link to the turn (its id read
from the page) on the clipboard as text and as HTML; words selected deep in
the long podcast give a link that, opened fresh, lands with those words in
view and marked; the citation block holds the three formats, copied by its
buttons, its address absolute.  On the test episode with its audio, the
passage's link carries the time, and the player starts there.  axe-core finds
nothing with the citation open and the selection's buttons shown, in light
and dark; without JavaScript the "#" links and the citation are still there.
Screenshots (light, dark, 375 px) go to ``_build/screenshots/quote-*.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest

from browser.pages import opened
from browser.test_player import player_site, player_url  # noqa: F401  (fixtures)
from browser.test_reader import FOCUS_STYLE

PODCAST = "interviews/deep-learning-with-pytorch.html"
INTERVIEW = "interviews/sylvain-gugger.html"
#: a turn deep in the long podcast (its 37th)
DEEP = 36

READ_CLIPBOARD = """async () => {
    const [item] = await navigator.clipboard.read();
    const text = await (await item.getType('text/plain')).text();
    const html = item.types.includes('text/html') ? await (await item.getType('text/html')).text() : '';
    return [text, html];
}"""

#: select the words of a turn's paragraph from character ``from`` to ``to``
#: (of its first text node long enough); returns the turn's id
SELECT = """([index, from, to]) => {
    const turn = document.querySelectorAll('.transcript-turn')[index];
    const walker = document.createTreeWalker(turn.querySelector('.transcript-turn-body'), NodeFilter.SHOW_TEXT);
    let node = null;
    while (walker.nextNode()) {
        const n = walker.currentNode;
        if (!n.parentElement.closest('.transcript-turn-header, .autoglossary-tip') && n.data.length > to) { node = n; break; }
    }
    node.parentElement.scrollIntoView({block: 'center', behavior: 'instant'});
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return turn.id;
}"""

MARKED = """() => {
    const marked = CSS.highlights.get('transcript-quote');
    if (!marked) return null;
    const [range] = marked.keys();
    const rect = range.getBoundingClientRect();
    return [range.toString(), rect.top, rect.bottom, innerHeight,
            range.startContainer.parentElement.closest('.transcript-turn').id];
}"""


def squeeze(text: str) -> str:
    return " ".join(text.split())


def selection_tools(page: Any) -> None:
    page.wait_for_selector(".transcript-quote-tools:not([hidden])")


def select(page: Any, turn: int, start: int, end: int) -> str:
    """Select characters ``start`` to ``end`` of a turn's words (:data:`SELECT`) and wait for
    the selection's buttons; the turn's id."""
    turn_id: str = page.evaluate(SELECT, [turn, start, end])
    selection_tools(page)
    return turn_id


def copy_with_tools(page: Any, button: str) -> tuple[str, str]:
    """Click one of the selection's buttons (``copy-selection``, ``copy-link``), wait for it
    to say it copied; the clipboard's text and HTML."""
    page.click(f".transcript-quote-tools button.transcript-{button}")
    page.wait_for_selector(f".transcript-quote-tools button.transcript-{button}[data-copied]")
    text, html = page.evaluate(READ_CLIPBOARD)
    return text, html


def marked_in_view(page: Any) -> list[Any]:
    """Wait for a page opened at a quote's link to mark the words and scroll them into
    view (the theme scrolls smoothly); :data:`MARKED`'s answer."""
    page.wait_for_function("CSS.highlights.has('transcript-quote')")
    page.wait_for_function(f"(({MARKED})() || [])[1] >= 0 && (({MARKED})() || [])[2] <= innerHeight")
    marked: list[Any] = page.evaluate(MARKED)
    return marked


def test_copy_quote_puts_the_words_speaker_title_and_link_on_the_clipboard(browser: Any, base_url: str) -> None:
    with opened(browser, base_url + PODCAST, clipboard=True) as page:
        turn = page.locator(".transcript-turn").nth(DEEP)
        turn_id = turn.get_attribute("id")
        speaker = squeeze(turn.locator(".transcript-speaker").inner_text())
        words = squeeze(turn.locator(".transcript-turn-body > p").first.inner_text())
        title = squeeze(page.evaluate(
            "(() => { const h = document.querySelector('article h1').cloneNode(true);"
            " h.querySelectorAll('.headerlink').forEach(e => e.remove()); return h.textContent; })()"))
        button = turn.locator("button.transcript-copy-quote")
        assert button.get_attribute("aria-label") == f"Copy quote by {speaker}"
        button.click()
        page.wait_for_selector(f"#{turn_id} button.transcript-copy-quote[data-copied]")
        text, html = page.evaluate(READ_CLIPBOARD)
        quote, source, link = text.rsplit("\n", 2)
        assert words in squeeze(quote)
        assert source == f"\u2014 {speaker}, \u201c{title}\u201d"
        page_url, address = link.split("#", 1)
        assert page_url == f"{base_url}{PODCAST}"
        assert unquote(address.split(":~:text=")[0]) == turn_id
        # the HTML: the words as a blockquote citing the link, the title a link to it
        assert "<blockquote" in html and f'cite="{link}"' in html.replace("&amp;", "&")
        assert words[:60] in squeeze(html)
        assert speaker in html and f">{title}</a></cite>" in html
        page.wait_for_function("document.querySelector('.transcript-status').textContent === 'Quote copied'")


def test_copy_quote_by_keyboard_with_a_visible_focus(browser: Any, base_url: str) -> None:
    with opened(browser, base_url + INTERVIEW, clipboard=True, clean=False) as page:
        button = page.locator("button.transcript-copy-quote").nth(1)
        unfocused = button.evaluate(FOCUS_STYLE)
        # the button is in the page's tab order, just before the turn's "#" link
        turn = page.locator(".transcript-turn").nth(1)
        turn.locator("a.transcript-permalink").focus()
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.matches('button.transcript-copy-quote')")
        assert page.evaluate("document.activeElement.closest('.transcript-turn').id") == turn.get_attribute("id")
        assert button.evaluate(FOCUS_STYLE) != unfocused
        page.keyboard.press("Enter")
        page.wait_for_selector("button.transcript-copy-quote[data-copied]")
        text, _ = page.evaluate(READ_CLIPBOARD)
        assert "\u2014 Sylvain Gugger, " in text
        page_url, address = text.splitlines()[-1].split("#", 1)
        assert page_url == f"{base_url}{INTERVIEW}"
        assert unquote(address.split(":~:text=")[0]) == turn.get_attribute("id")


@pytest.mark.parametrize(("span", "form"), [((12, 150), "start,end"), ((0, 40), "exact")])
def test_a_selection_link_opens_scrolled_to_the_words_marked(
    browser: Any, base_url: str, span: tuple[int, int], form: str
) -> None:
    with opened(browser, base_url + PODCAST, clipboard=True) as page:
        turn_id = select(page, DEEP, *span)
        text, _ = copy_with_tools(page, "copy-selection")
        quote, _source, link = text.rsplit("\n", 2)
        words = squeeze(quote.strip("\u201c\u201d"))
        only_link, _ = copy_with_tools(page, "copy-link")
        assert only_link == link
        # the turn's id as the page has it (percent-encoded where it must be)
        address, directive = link.split("#", 1)[1].split(":~:text=", 1)
        assert unquote(address) == turn_id
        parts = [unquote(p) for p in directive.split(",")]
        if form == "exact":
            assert parts == [words]
        else:
            assert len(parts) == 2 and words.startswith(parts[0]) and words.endswith(parts[1])
    # the link, opened fresh (as a reader who was sent it)
    with opened(browser, link) as page:
        marked, top, bottom, height, where = marked_in_view(page)
        assert squeeze(marked) == words
        assert where == turn_id
        assert top >= 0 and bottom <= height, f"the words are not in view: {top}..{bottom} of {height}"
        assert page.evaluate("scrollY") > 5000, "the page did not move to the deep turn"


def test_the_keyboard_goes_from_a_selection_to_its_buttons(browser: Any, base_url: str) -> None:
    with opened(browser, base_url + INTERVIEW, clipboard=True) as page:
        # select by dragging the mouse over the words, as a reader does (which also
        # sets where the keyboard goes on from)
        turn_id = page.evaluate(SELECT, [3, 0, 30])
        left, top, right, bottom = page.evaluate(
            "(() => { const r = getSelection().getRangeAt(0).getClientRects();"
            " return [r[0].left + 1, r[0].top + r[0].height / 2, r[r.length - 1].right - 1,"
            " r[r.length - 1].top + r[r.length - 1].height / 2]; })()")
        page.evaluate("getSelection().removeAllRanges()")
        page.mouse.move(left, top)
        page.mouse.down()
        page.mouse.move(right, bottom, steps=5)
        page.mouse.up()
        selection_tools(page)
        # the buttons are in the turn, after its words: Tab from the selection reaches them
        for _ in range(4):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.transcript-quote-tools button')"):
                break
        assert page.evaluate("document.activeElement.textContent") == "Copy link"
        assert page.evaluate("document.activeElement.closest('.transcript-turn').id") == turn_id
        page.keyboard.press("Enter")
        page.wait_for_selector(".transcript-quote-tools button[data-copied]")
        link, _ = page.evaluate(READ_CLIPBOARD)
        assert unquote(link.split("#", 1)[1].split(":~:text=")[0]) == turn_id
        page.keyboard.press("Escape")
        assert page.locator(".transcript-quote-tools").is_hidden()


#: in the deep turn, select three words that are said earlier on the page too
#: (not at a paragraph's start); returns [turn id, the words]
SELECT_REPEATED = """(index) => {
    const turn = document.querySelectorAll('.transcript-turn')[index];
    const earlier = [...document.querySelectorAll('.transcript-turn')].slice(0, index)
        .map(t => t.querySelector('.transcript-turn-body').textContent.toLowerCase()).join(' ');
    const walker = document.createTreeWalker(turn.querySelector('.transcript-turn-body'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.parentElement.closest('.transcript-turn-header, .autoglossary-tip')) continue;
        const re = /\\S+ \\S+ \\S+/g;
        let match;
        while ((match = re.exec(node.data))) {
            const words = match[0];
            if (match.index > 0 && /^[a-z]/i.test(words) && /[a-z]$/i.test(words) && earlier.includes(words.toLowerCase())) {
                node.parentElement.scrollIntoView({block: 'center', behavior: 'instant'});
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + words.length);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                return [turn.id, words];
            }
            re.lastIndex = match.index + 1 + match[0].indexOf(' ');
        }
    }
    return null;
}"""


def test_words_said_before_on_the_page_are_told_apart_by_the_words_around_them(
    browser: Any, base_url: str
) -> None:
    with opened(browser, base_url + PODCAST, clipboard=True) as page:
        found = page.evaluate(SELECT_REPEATED, DEEP)
        assert found, "no three words of the deep turn are said earlier"
        turn_id, words = found
        selection_tools(page)
        link, _ = copy_with_tools(page, "copy-link")
        parts = link.split(":~:text=", 1)[1].split(",")
        assert unquote(next(p for p in parts if not p.endswith("-") and not p.startswith("-"))) == words
        assert parts[0].endswith("-") or parts[-1].startswith("-"), parts
    with opened(browser, link) as page:
        marked, _top, _bottom, _height, where = marked_in_view(page)
        assert (squeeze(marked), where) == (words, turn_id)


def test_a_quote_link_with_a_turns_old_address_still_marks_its_words(browser: Any, base_url: str) -> None:
    with opened(browser, base_url + PODCAST, clean=False) as page:
        turn = page.locator(".transcript-turn").nth(DEEP)
        turn_id = turn.get_attribute("id")
        aliases = turn.locator(".transcript-alias").evaluate_all("els => els.map(e => e.id)")
        words = " ".join(turn.locator(".transcript-turn-body > p").first.inner_text().split()[3:9])
    assert aliases, "the deep turn has no old address"
    link = f"{base_url}{PODCAST}#{aliases[0]}:~:text={quote(words, safe='')}"
    with opened(browser, link) as page:
        marked, _top, _bottom, _height, where = marked_in_view(page)
        assert (squeeze(marked), where) == (words, turn_id)


@pytest.mark.parametrize("mode", ["light", "dark", "phone"])
def test_a_landing_looks_right(browser: Any, base_url: str, screenshots: Path, mode: str) -> None:
    width = 375 if mode == "phone" else 1280
    with opened(browser, base_url + PODCAST, width=width, clipboard=True, clean=False) as page:
        select(page, DEEP, 12, 150)
        link, _ = copy_with_tools(page, "copy-link")
    with opened(browser, link, dark=mode == "dark", width=width) as page:
        marked_in_view(page)
        page.screenshot(path=str(screenshots / f"quote-landing-{mode}.png"))
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width


def test_on_an_audio_page_the_link_carries_the_time_and_the_player_starts_there(
    browser: Any, player_url: str  # noqa: F811
) -> None:
    with opened(browser, player_url + "episode.html", clipboard=True) as page:
        index = 3
        turn = page.locator(".transcript-turn").nth(index)
        start = float(turn.get_attribute("data-start") or "nan")
        assert start > 5
        turn_id = select(page, index, 0, 20)
        text, _ = copy_with_tools(page, "copy-selection")
        _quote, source, link = text.rsplit("\n", 2)
        minutes, seconds = divmod(int(start), 60)
        assert source.endswith(f", {minutes}:{seconds:02d}")
        address, directive = link.split("#", 1)[1].split(":~:text=", 1)
        where, time = address.split("&t=")
        assert unquote(where) == turn_id and directive
        assert float(time) == pytest.approx(start, abs=0.001)
    with opened(browser, link) as page:
        page.wait_for_function(f"Math.abs(document.querySelector('.transcript-player audio').currentTime - {start}) < 1")
        marked, top, bottom, height, where = marked_in_view(page)
        assert where == turn_id and top >= 0 and bottom <= height


def test_the_citation_block_copies_each_format_with_an_absolute_address(browser: Any, base_url: str) -> None:
    with opened(browser, base_url + INTERVIEW, clipboard=True) as page:
        page.click("details.transcript-cite > summary")
        address = f"{base_url}{INTERVIEW}"
        for span in page.locator(".transcript-cite-url").all():
            assert span.inner_text() == address
        for name, label in (("apa", "APA"), ("bibtex", "BibTeX"), ("csl", "CSL-JSON")):
            format_ = page.locator(f'.transcript-cite-format[data-format="{name}"]')
            button = format_.locator("button.transcript-copy-cite")
            assert button.get_attribute("aria-label") == f"Copy the {label} citation"
            button.click()
            page.wait_for_selector(f'.transcript-cite-format[data-format="{name}"] button[data-copied]')
            text, html = page.evaluate(READ_CLIPBOARD)
            shown = format_.locator(".transcript-cite-text").inner_text()
            assert squeeze(text) == squeeze(shown)
            assert address in text
            if name == "apa":
                assert "<em>Sylvain Gugger on fast.ai and the Top-Down Approach</em>" in html
                assert text.startswith("Bhutani, S. (Interviewer), & Gugger, S. (Interviewee). (n.d.).")


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("where", ["site", "audio"])
def test_axe_finds_nothing_with_the_citation_open_and_the_selection_tools_shown(
    browser: Any, base_url: str, player_url: str, axe_script: Path, screenshots: Path,  # noqa: F811
    mode: str, where: str
) -> None:
    url = base_url + INTERVIEW if where == "site" else player_url + "episode.html"
    with opened(browser, url, dark=mode == "dark") as page:
        page.click("details.transcript-cite > summary")
        page.screenshot(path=str(screenshots / f"quote-cite-{where}-{mode}.png"))
        select(page, 1 if where == "site" else 3, 0, 30)
        page.screenshot(path=str(screenshots / f"quote-selection-{where}-{mode}.png"))
        page.add_script_tag(path=str(axe_script))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found = [f"{v['id']} ({v['impact']}) at {n['target']}: {n['failureSummary']}"
                 for v in result["violations"] for n in v["nodes"]]
        assert not found, "\n".join(found)


def test_at_phone_width_nothing_overflows_and_the_buttons_fit(browser: Any, base_url: str, screenshots: Path) -> None:
    with opened(browser, base_url + INTERVIEW, width=375) as page:
        page.click("details.transcript-cite > summary")
        select(page, 1, 0, 30)
        page.screenshot(path=str(screenshots / "quote-selection-phone.png"))
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
        right = page.evaluate(
            "Math.max(...[...document.querySelectorAll('.transcript-quote-tools, .transcript-turn-actions')]"
            ".map(e => e.getBoundingClientRect().right))")
        assert right <= 375
        page.locator("details.transcript-cite").scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots / "quote-cite-phone.png"))


def test_without_javascript_the_links_and_the_citation_remain(browser: Any, base_url: str) -> None:
    # not browser.pages.opened: a context without JavaScript, at the browser's default size
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + PODCAST)
        turns = page.locator(".transcript-turn").count()
        assert page.locator("a.transcript-permalink").count() == turns > 50
        assert page.locator("button.transcript-button").count() == 0
        page.click("details.transcript-cite > summary")
        assert "Bhutani, S. (Interviewer)" in page.locator('[data-format="apa"]').inner_text()
        assert page.locator(".transcript-cite-url").first.inner_text() == "deep-learning-with-pytorch.html"
    finally:
        context.close()


def test_print_hides_the_controls(browser: Any, base_url: str) -> None:
    with opened(browser, base_url + INTERVIEW, clean=False) as page:
        select(page, 1, 0, 30)
        page.emulate_media(media="print")
        shown = page.evaluate(
            "[...document.querySelectorAll('button.transcript-copy-quote, .transcript-quote-tools, "
            "details.transcript-cite')].filter(e => getComputedStyle(e).display !== 'none').length")
        assert shown == 0
        # the "#" address still prints
        assert page.locator("a.transcript-permalink").first.evaluate(
            "e => getComputedStyle(e, '::after').content").startswith('"#')
