/* The archive's search page (sphinx_transcripts.search).

   Reads ?q= from the address, searches Pagefind's chunked indexes under
   _search/ (only the chunks of the words searched for are downloaded), and
   lists one result per turn or passage: who speaks, in which episode, at
   what time, and the words around the match.  Everything shown comes from
   the index as data and is put in the page as text nodes (textContent),
   never as HTML.  A result links to its turn with ?find=<the matched words>,
   which transcript-search-landing.js highlights there.

   The archive is indexed in shards (a bundle per folder of pages,
   _search/shards.json lists them): the first is opened, the others merged
   into it (Pagefind's mergeIndex, which reuses the first's WebAssembly: one
   runtime is downloaded, whatever the number of shards).

   Glossary spellings are synonyms: a query holding one spelling of a term
   (its headword or an alias, _search/synonyms.json) is also searched with
   every other spelling of it, and the results are merged, the query as typed
   first. */
"use strict";

(() => {
  const out = document.getElementById("search-results");
  if (!out) return;
  const _ = (text) =>
    window.Documentation && Documentation.gettext ? Documentation.gettext(text) : text;
  const bundle = new URL(out.dataset.bundle || "_search/",
    new URL(document.documentElement.dataset.content_root || "./", location.href));
  const query = (new URLSearchParams(location.search).get("q") || "").trim();
  // the sidebar's box (and any other) shows what was searched, as Sphinx's page does
  for (const input of document.querySelectorAll('form[role="search"] input[name="q"]')) {
    input.value = query;
  }
  if (!query) return;

  const PAGE = 10; // results whose text is fetched at a time
  const WINDOW = 30; // words of a snippet

  const normal = (text) => text.toLowerCase().replace(/\s+/g, " ").trim();
  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const phraseIn = (phrase) =>
    new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(phrase)}(?=$|[^\\p{L}\\p{N}])`, "u");

  /* The query as typed, then with each glossary spelling it holds replaced
     by each other spelling of its term (longer spellings first). */
  const variants = (text, groups) => {
    const typed = normal(text);
    const more = [];
    for (const group of groups) {
      const spellings = group.map(normal);
      for (const spelling of spellings) {
        const pattern = phraseIn(spelling);
        if (!pattern.test(typed)) continue;
        for (const other of spellings) {
          if (other === spelling) continue;
          more.push(typed.replace(pattern, (_m, before) => before + other));
        }
      }
    }
    more.sort((a, b) => b.split(" ").length - a.split(" ").length);
    return [...new Set([typed, ...more])];
  };

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  /* The words Pagefind marked in its excerpt, read back as plain words (the
     excerpt itself is never put in the page). */
  const markedWords = (excerpt) => {
    const words = new Set();
    for (const match of (excerpt || "").matchAll(/<mark>(.*?)<\/mark>/g)) {
      const word = match[1]
        .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
        .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase();
      if (word) words.add(word);
    }
    return [...words];
  };

  const bare = (token) =>
    token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase();

  /* A snippet of WINDOW words around the densest run of matches, the
     matched words in <mark>: built from the record's plain text. */
  const snippet = (content, locations, words) => {
    const tokens = content.split(/\s+/).filter(Boolean);
    const where = [...(locations || [])].sort((a, b) => a - b);
    let best = where.length ? where[0] : 0;
    let most = 0;
    for (const start of where) {
      const count = where.filter((at) => at >= start && at < start + WINDOW).length;
      if (count > most) [best, most] = [start, count];
    }
    const first = Math.max(0, Math.min(best - 8, tokens.length - WINDOW));
    const last = Math.min(tokens.length, first + WINDOW);
    const paragraph = element("p", "context");
    if (first > 0) paragraph.append("… ");
    const wanted = new Set(words);
    for (let i = first; i < last; i++) {
      if (i > first) paragraph.append(" ");
      const token = tokens[i];
      if (wanted.has(bare(token)) || (wanted.size === 0 && where.includes(i))) {
        paragraph.append(element("mark", "", token));
      } else {
        paragraph.append(token);
      }
    }
    if (last < tokens.length) paragraph.append(" …");
    return paragraph;
  };

  /* The record's address with ?find=<words>, relative to this page as
     Sphinx's own results are (the address is from the site's root). */
  const landing = (url, words) => {
    const [page, anchor] = url.split("#");
    const find = words.length ? `?${new URLSearchParams({ find: words.join(" ") })}` : "";
    const root = document.documentElement.dataset.content_root || "";
    const prefix = root === "./" ? "" : root;
    return `${prefix}${page}${find}${anchor ? `#${anchor}` : ""}`;
  };

  const show = (data, list) => {
    // a record's address, episode, time and section (Pagefind filters: never
    // searched) and its speaker (Pagefind meta: searched)
    const meta = {};
    for (const [key, values] of Object.entries(data.filters || {})) {
      if (Array.isArray(values) && values.length) meta[key] = String(values[0]);
    }
    meta.speaker = data.meta && data.meta.speaker ? String(data.meta.speaker) : "";
    const words = markedWords(data.excerpt);
    const item = element("li", "transcript-search-result");
    const link = element("a", "transcript-search-link");
    link.href = landing(meta.url || "", words);
    if (meta.speaker) {
      link.append(element("span", "transcript-search-speaker", meta.speaker));
      link.append(", ");
      link.append(element("span", "transcript-search-episode", meta.title || ""));
    } else {
      link.append(element("span", "transcript-search-episode", meta.title || ""));
      if (meta.section && meta.section !== meta.title) {
        link.append(" — ");
        link.append(element("span", "transcript-search-section", meta.section));
      }
    }
    item.append(link);
    if (meta.time) {
      const time = element("span", "transcript-search-time", ` ${_("at")} ${meta.time}`);
      item.append(time);
    }
    item.append(snippet(data.content || "", data.locations, words));
    list.append(item);
  };

  const run = async () => {
    const heading = element("h2", "", _("Searching"));
    const status = element("p", "search-summary", "");
    status.setAttribute("role", "status");
    const list = element("ul", "search");
    list.setAttribute("role", "list");
    out.replaceChildren(heading, status, list);

    let groups = [];
    try {
      const response = await fetch(new URL("synonyms.json", bundle));
      if (response.ok) groups = await response.json();
    } catch (error) {
      groups = [];
    }
    const listed = await fetch(new URL("shards.json", bundle));
    if (!listed.ok) throw new Error(`${listed.status} ${listed.statusText}`);
    const shards = await listed.json();
    if (!Array.isArray(shards) || !shards.length) throw new Error(_("the index is empty"));
    const base = (name) => new URL(`${encodeURIComponent(String(name))}/`, bundle);
    const pagefind = await import(new URL("pagefind.js", base(shards[0])).href);
    await pagefind.options({ excerptLength: WINDOW });
    await Promise.all(shards.slice(1).map(
      (name) => pagefind.mergeIndex(base(name).href, { excerptLength: WINDOW })));
    const seen = new Map(); // a result's id: its place in found
    const found = [];
    for (const text of variants(query, Array.isArray(groups) ? groups : [])) {
      const search = await pagefind.search(text);
      for (const result of (search && search.results) || []) {
        const at = seen.get(result.id);
        if (at === undefined) {
          seen.set(result.id, found.length);
          found.push(result);
        } else if ((result.score || 0) > (found[at].score || 0)) {
          // found again, better: its place stays, its excerpt (the words the
          // landing highlights) is the better match's.  A shard that lacks a
          // word ("torch7") matches its parts ("torch"), which the spelling
          // searched next ("torch seven") matches whole.
          found[at] = result;
        }
      }
    }
    heading.textContent = _("Search Results");
    status.textContent = found.length
      ? (found.length === 1
        ? _("Search finished, found one passage matching the search query.")
        : _("Search finished, found ${count} passages matching the search query.")
          .replace("${count}", found.length))
      : _("Your search did not match any documents. Please make sure that all words are spelled correctly.");

    let shown = 0;
    const more = element("button", "transcript-search-more", _("More results"));
    more.type = "button";
    const next = async () => {
      more.disabled = true;
      const page = await Promise.all(found.slice(shown, shown + PAGE).map((r) => r.data()));
      for (const data of page) show(data, list);
      const firstNew = list.children[shown];
      shown += page.length;
      more.disabled = false;
      if (shown >= found.length) more.remove();
      return firstNew;
    };
    more.addEventListener("click", async () => {
      const firstNew = await next();
      // the keyboard goes on from the first new result, not from the page's end
      const link = firstNew && firstNew.querySelector("a");
      if (link) link.focus();
    });
    await next();
    if (shown < found.length) out.append(more);
  };

  run().catch((error) => {
    const message = element("p", "search-summary",
      _("The search could not be loaded: ") + String(error && error.message ? error.message : error));
    out.replaceChildren(element("h2", "", _("Search Results")), message);
  });
})();
