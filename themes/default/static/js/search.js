// Search and filters over the Pagefind index, on the search page and on the hall pages.
// Progressive enhancement: the pages work without this script (the hall pages keep their
// paginated lists; the search page says that search needs JavaScript and links the halls).
// Nothing is fetched from outside the site. Text from the index is only ever set as text
// (textContent, attributes), never parsed as HTML.

import { queryTerms, widened } from "./search-terms.js";

const configElement = document.getElementById("search-config");
const form = document.querySelector("form[data-search]");
if (configElement && form) {
  start(JSON.parse(configElement.textContent), form);
}

function start(config, form) {
  const S = config.strings;
  const mode = form.dataset.search; // "page" or "hall"
  const preset = config.preset; // {key, value} on a hall page
  const input = form.querySelector("input[name=q]");
  const sortSelect = form.querySelector("select[name=sort]");
  const details = form.querySelector("details.filters");
  const selectedNote = form.querySelector(".filters-selected");
  const status = document.querySelector(".search-status");
  const list = document.querySelector(".results");
  const moreButton = document.querySelector(".search-more");
  const staticList = document.querySelector(".hall-static");
  const fieldsets = [...form.querySelectorAll("fieldset[data-facet]")];
  const facetKeys = fieldsets.map((fieldset) => fieldset.dataset.facet);
  const headingLevel = mode === "page" ? "h3" : "h2";
  let pagefindLoad = null;
  let generation = 0;
  let results = [];
  let shown = 0;
  let timer = 0;
  // Filter values in the address that no box offers (a stale or mistyped link): not applied,
  // kept in the address and named on the page until the user clears them.
  let unknown = [];
  const unknownNote = form.querySelector(".filters-unknown");
  const widenedNote = document.querySelector(".search-widened");
  const suggestNote = document.querySelector(".search-suggest");
  let fuzzyLoad = null;

  for (const element of document.querySelectorAll(".js-only")) element.hidden = false;
  if (details && mode === "page" && matchMedia("(min-width: 56em)").matches) details.open = true;

  // The words for a count: for exactly one, the singular where the language has one
  // (`<key>_one`: "1 result"; showroom/search/view.py, COUNTED).
  function counted(key, count) {
    return Number(count) === 1 && S[key + "_one"] !== undefined ? S[key + "_one"] : S[key];
  }

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
  }

  function pagefind() {
    if (!pagefindLoad) {
      pagefindLoad = import(config.bundle + "pagefind.js").then(async (module) => {
        // Pagefind's ranking settings: see showroom/search/view.py (RANKING).
        await module.options({ baseUrl: config.base, ranking: config.ranking });
        // A large site's index is split into shards (showroom/search/shards.py): each is
        // merged with the same settings, in its language; results and filter counts then
        // cover them all (Pagefind sums the counts and orders the results by score).
        for (const shard of config.shards || []) {
          await module.mergeIndex(shard, { baseUrl: config.base, ranking: config.ranking });
        }
        // Load every filter index, so that each answer counts every facet's values.
        await module.filters();
        return module;
      });
    }
    return pagefindLoad;
  }

  function boxes(key) {
    return [...form.querySelectorAll(`fieldset[data-facet="${key}"] input[type=checkbox]`)];
  }

  function readState() {
    const selected = {};
    for (const key of facetKeys) {
      selected[key] = boxes(key).filter((box) => box.checked).map((box) => box.value);
    }
    return { q: input ? input.value : "", selected, sort: sortSelect ? sortSelect.value : "" };
  }

  function applyUrl() {
    const params = new URLSearchParams(location.search);
    if (input) input.value = params.get("q") || "";
    unknown = [];
    for (const key of facetKeys) {
      const wanted = params.getAll(key);
      const offered = boxes(key).map((box) => box.value);
      for (const box of boxes(key)) box.checked = wanted.includes(box.value);
      for (const value of wanted) if (!offered.includes(value)) unknown.push([key, value]);
    }
    showUnknown();
    if (sortSelect) {
      const sort = params.get("sort") || "";
      const known = [...sortSelect.options].some((option) => option.value === sort);
      sortSelect.value = known ? sort : sortSelect.options[0].value;
    }
  }

  function writeUrl(state) {
    const params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q.trim());
    for (const key of facetKeys) for (const value of state.selected[key]) params.append(key, value);
    for (const [key, value] of unknown) params.append(key, value);
    if (sortSelect && state.sort !== sortSelect.options[0].value) params.set("sort", state.sort);
    const query = params.toString();
    const url = location.pathname + (query ? `?${query}` : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      history.replaceState(null, "", url);
    }
  }

  function filtersFor(selected) {
    const filters = {};
    for (const key of facetKeys) {
      if (selected[key].length) filters[key] = { any: selected[key] };
    }
    if (preset) filters[preset.key] = preset.value;
    return filters;
  }

  function sortFor(sort, term) {
    if (sort === "name") return { name: "asc" };
    if (sort === "newest" || !term) return { date: "desc" };
    return {};
  }

  function showUnknown() {
    if (!unknownNote) return;
    unknownNote.hidden = unknown.length === 0;
    const values = unknown.map(([, value]) => `‘${value}’`).join(", ");
    unknownNote.querySelector(".filters-unknown-text").textContent = format(
      S.search_unknown_filter,
      { values },
    );
  }

  function setStatus(text) {
    if (status) status.textContent = text;
  }

  // Show each value's count for the current query and the other facets' choices; a value
  // with nothing left is hidden (unless it is chosen), and so is a facet with no value left.
  function updateCounts(counts, selected) {
    let chosen = 0;
    for (const key of facetKeys) {
      let visible = 0;
      for (const box of boxes(key)) {
        const count = (counts[key] || {})[box.value] || 0;
        const label = form.querySelector(`label[for="${box.id}"] .facet-count`);
        if (label) label.textContent = String(count);
        const hide = count === 0 && !box.checked;
        box.closest("li").hidden = hide;
        if (!hide) visible += 1;
      }
      form.querySelector(`fieldset[data-facet="${key}"]`).hidden = visible === 0;
      chosen += selected[key].length;
    }
    if (selectedNote) {
      selectedNote.textContent = chosen ? format(S.search_filters_selected, { count: chosen }) : "";
    }
  }

  // Meta values are stored so that no query reaches them (showroom/search/pagefind.py,
  // display_only): full-width ASCII and decomposed Hangul. Undo both.
  function readable(value) {
    const halfWidth = (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    return value.replace(/[\uff01-\uff5e]/g, halfWidth).normalize("NFC");
  }

  function text(tag, className, value) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = value;
    return element;
  }

  function card(data) {
    const meta = {};
    for (const [key, value] of Object.entries(data.meta || {})) meta[key] = readable(value);
    const item = document.createElement("li");
    item.className = "card";
    const article = document.createElement("article");
    article.className = "card-inner";
    item.append(article);
    if (meta.image) {
      const media = document.createElement("div");
      media.className = "card-media";
      const picture = document.createElement("picture");
      if (meta.image_webp) {
        const source = document.createElement("source");
        source.type = "image/webp";
        source.srcset = config.base + meta.image_webp;
        picture.append(source);
      }
      const image = document.createElement("img");
      image.src = config.base + meta.image;
      image.alt = meta.image_alt || "";
      const [width, height] = (meta.image_size || "").split("x");
      if (width && height) {
        image.width = Number(width);
        image.height = Number(height);
      }
      image.loading = "lazy";
      image.decoding = "async";
      picture.append(image);
      media.append(picture);
      article.append(media);
    }
    const body = document.createElement("div");
    body.className = "card-body";
    const heading = document.createElement(headingLevel);
    heading.className = "card-title";
    const link = text("a", "", meta.title || data.url);
    link.href = data.url;
    heading.append(link);
    body.append(heading);
    if (meta.kind === "company") {
      body.append(text("p", "card-kind", S.search_kind_company));
      const count = format(counted("search_company_products", meta.count), {
        count: meta.count || "0",
      });
      body.append(text("p", "card-company", `${meta.district || ""} · ${count}`));
    } else if (meta.company) {
      body.append(text("p", "card-company", meta.company));
    }
    if (meta.model) {
      const model = document.createElement("p");
      model.className = "card-model";
      model.append(text("span", "label", S.model), ` ${meta.model}`);
      body.append(model);
    }
    if (meta.summary) body.append(text("p", "card-summary", meta.summary));
    const badges = (meta.badges || "").split(" ").filter((kind) => S[`badge_${kind}`]);
    if (badges.length) {
      const listElement = document.createElement("ul");
      listElement.className = "badges card-badges";
      listElement.setAttribute("aria-label", S.badges_label);
      for (const kind of badges) {
        listElement.append(text("li", `badge badge-${kind}`, S[`badge_${kind}`]));
      }
      body.append(listElement);
    }
    article.append(body);
    return item;
  }

  async function showMore(focusFirst) {
    const slice = results.slice(shown, shown + config.perPage);
    const gen = generation;
    const data = await Promise.all(slice.map((result) => result.data()));
    if (gen !== generation) return;
    const cards = data.map(card);
    list.append(...cards);
    shown += slice.length;
    if (focusFirst && cards.length) cards[0].querySelector("a").focus();
    const left = results.length - shown;
    moreButton.hidden = left <= 0;
    moreButton.textContent = format(S.search_more, { shown, count: results.length });
  }

  function showStatic(show) {
    if (!staticList) return;
    staticList.hidden = !show;
    list.hidden = show;
    moreButton.hidden = show || shown >= results.length;
  }

  // The results are marked busy while a search runs; `data-done` on the form then names the
  // query (and choices) the results on screen answer.
  function done(state) {
    list.setAttribute("aria-busy", "false");
    form.dataset.done = new URLSearchParams(location.search).toString();
    return state;
  }

  async function update() {
    const gen = ++generation;
    const state = readState();
    list.setAttribute("aria-busy", "true");
    writeUrl(state);
    const terms = queryTerms(state.q, config.rules);
    // A query holding jamo (ㄱㄹㄷ, ㅗㅐ-ㅣㄴ200) has no index term for them: only the
    // vocabulary can answer it (neither split nor widened: that would drop its jamo).
    const jamo = Boolean(config.fuzzy) && /[\u1100-\u11ff\u3131-\u318e]/.test(state.q);
    const term = terms.length ? terms.join(" ") : null;
    const asked = Boolean(term) || jamo;
    const filtered = facetKeys.some((key) => state.selected[key].length);
    document.body.classList.toggle("search-active", mode === "page" && (asked || filtered));
    if (mode === "hall" && !filtered && state.sort === sortSelect.options[0].value) {
      results = [];
      shown = 0;
      list.replaceChildren();
      showStatic(true);
      setStatus("");
      updateCounts(initialCounts, state.selected);
      done(state);
      return;
    }
    if (mode === "page" && !asked && !filtered) {
      results = [];
      shown = 0;
      list.replaceChildren();
      moreButton.hidden = true;
      setStatus(S.search_status_prompt);
      updateCounts(initialCounts, state.selected);
      done(state);
      return;
    }
    setStatus(S.search_status_loading);
    let found;
    let used = term; // the terms the results answer: the query's, or the widened query's
    let left = [];
    let suggested = [];
    const counts = {};
    try {
      const pf = await pagefind();
      const options = { filters: filtersFor(state.selected), sort: sortFor(state.sort, term) };
      const strict = jamo ? null : await allMatch(pf, terms, options);
      found = strict || { results: [], filters: {} };
      if (term && !jamo && !found.results.length) {
        const split = await unglued(pf, terms, options);
        if (split) ({ found, used } = split);
      }
      // Hangul before digits is a model number typed with the Korean layout on (느-제20 for
      // SM-WP20): corrected before it is widened, which would drop its words.
      const correctFirst = /[\u3131-\u318e\uac00-\ud7a3]-?[0-9]/.test(state.q);
      for (const step of correctFirst ? ["correct", "widen"] : ["widen", "correct"]) {
        if (found.results.length) break;
        if (step === "widen" && term && !jamo) {
          const wider = await widen(pf, state.q, options);
          if (wider) ({ found, used, left } = wider);
        } else if (step === "correct" && config.fuzzy) {
          const corrected = await corrections(pf, state.q, options, state.sort);
          if (corrected) ({ found, used, suggested } = corrected);
        }
      }
      for (const key of facetKeys) {
        if (state.selected[key].length && found.results.length) {
          const others = { ...state.selected, [key]: [] };
          const answer = await pf.search(used, { filters: filtersFor(others) });
          counts[key] = answer.filters[key] || {};
        } else {
          counts[key] = found.filters[key] || {};
        }
      }
    } catch (error) {
      if (gen === generation) {
        setStatus(S.search_status_error);
        done(state);
      }
      throw error;
    }
    if (gen !== generation) return;
    if (widenedNote) {
      widenedNote.hidden = left.length === 0;
      widenedNote.textContent = left.length
        ? format(S.search_widened, { words: left.map((word) => `‘${word}’`).join(", ") })
        : "";
    }
    showSuggested(suggested, state.q.trim());
    updateCounts(counts, state.selected);
    results = found.results;
    shown = 0;
    list.replaceChildren();
    showStatic(false);
    await showMore(false);
    if (gen !== generation) return;
    const query = state.q.trim();
    const count = results.length;
    if (mode === "hall") {
      setStatus(count ? format(counted("hall_filter_status", count), { count }) : S.hall_filter_none);
    } else if (count) {
      const message = counted(asked ? "search_status_count" : "search_status_count_filtered", count);
      setStatus(format(message, { query, count }));
    } else {
      setStatus(format(asked ? S.search_status_none : S.search_status_none_filtered, { query }));
    }
    done(state);
  }

  // Pagefind leaves out a query word that matches nothing; here every word must match. The
  // answer, or null when some word matches nothing.
  async function allMatch(pf, terms, options) {
    const found = await pf.search(terms.length ? terms.join(" ") : null, options);
    if (!found.results.length) return null;
    if (terms.length > 1) {
      for (const word of terms) if (!(await pf.search(word)).results.length) return null;
    }
    return found;
  }

  // Hangul words written together that the index holds apart (스마트안전모 for 스마트 안전모):
  // a query word that matches nothing is split into pieces (two syllables or more; in the
  // index's code one character a syllable) that each match, by the index's own words.
  async function unglued(pf, terms, options) {
    const hits = async (part) => (await pf.search(part)).results.length > 0;
    // A piece before the last is a whole indexed word (every term ends with the terminator):
    // a prefix would split nonsense (씨씨씨씨: 씨씨 starts 씨씨티비, the spelling of CCTV).
    const whole = (part) => hits(part + config.rules.terminator);
    const pieces = async (word) => {
      if (await hits(word)) return [word];
      for (let at = 2; at <= word.length - 2; at++) {
        if (!(await whole(word.slice(0, at)))) continue;
        const rest = await pieces(word.slice(at));
        if (rest) return [word.slice(0, at), ...rest];
      }
      return null;
    };
    let changed = false;
    const split = [];
    for (const word of terms) {
      const found = word.length >= 4 && isCoded(word) && !(await hits(word)) && (await pieces(word));
      split.push(...(found || [word]));
      changed = changed || Boolean(found);
    }
    if (!changed) return null;
    const found = await allMatch(pf, split, options);
    return found && { found, used: split.join(" ") };
  }

  function isCoded(word) {
    const first = config.rules.codeFirst;
    return [...word].every((c) => c.charCodeAt(0) >= first && c.charCodeAt(0) < first + 11172);
  }

  // A query that found nothing, asked again: without its stop words and narrowing endings;
  // then, of three words or more, every word but one (the answer with the most results).
  // Never called when the query as typed has results.
  async function widen(pf, query, options) {
    const [kept, dropped] = widened(query, config.rules);
    if (!kept.length) return null;
    const ask = async (words, left) => {
      const found = await allMatch(pf, words.map(([term]) => term), options);
      return found && { found, used: words.map(([term]) => term).join(" "), left };
    };
    if (dropped.length) {
      const answer = await ask(kept, dropped);
      if (answer) return answer;
    }
    let best = null;
    for (let i = 0; kept.length >= 3 && i < kept.length; i++) {
      const rest = kept.filter((_, j) => j !== i);
      const answer = await ask(rest, [...dropped, kept[i][1]]);
      if (answer && (!best || answer.found.results.length > best.found.results.length)) {
        best = answer;
      }
    }
    return best;
  }

  // A query that found nothing, asked as the vocabulary suggests (초성, the other keyboard
  // layout, one typo: search-fuzzy.js, loaded with the vocabulary only now): the results of
  // each suggestion that finds something, in order, and those suggestions.
  async function corrections(pf, query, options, sort) {
    if (!fuzzyLoad) {
      const rules = { ...config.fuzzy.rules, terms: config.rules };
      fuzzyLoad = Promise.all([
        import("./search-fuzzy.js"),
        fetch(config.fuzzy.vocabulary).then((response) => response.json()),
      ]).then(([module, data]) => {
        return { module, rules, vocabulary: module.readVocabulary(data, rules) };
      });
    }
    const { module, rules, vocabulary } = await fuzzyLoad;
    const hits = async (word) => (await pf.search(word)).results.length > 0;
    let merged = null;
    const used = [];
    for (const text of await module.suggest(query, vocabulary, rules, hits)) {
      const words = queryTerms(text, config.rules);
      const asked = { ...options, sort: sortFor(sort, words.join(" ")) }; // by relevance
      const found = await allMatch(pf, words, asked);
      if (!found) continue;
      used.push([text, words.join(" ")]);
      if (!merged) merged = { results: [], filters: found.filters };
      const seen = new Set(merged.results.map((result) => result.id));
      merged.results.push(...found.results.filter((result) => !seen.has(result.id)));
    }
    return merged && { found: merged, used: used[0][1], suggested: used.map(([text]) => text) };
  }

  function showSuggested(suggested, query) {
    if (!suggestNote) return;
    suggestNote.hidden = suggested.length === 0;
    suggestNote.replaceChildren();
    if (!suggested.length) return;
    suggestNote.append(format(S.search_corrected, { query }), " ", S.search_did_you_mean, " ");
    suggested.forEach((text, n) => {
      const link = document.createElement("a");
      link.href = `?${new URLSearchParams({ q: text })}`;
      link.textContent = text;
      suggestNote.append(...(n ? [", ", link] : [link]));
    });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  }

  const initialCounts = {};
  for (const key of facetKeys) {
    initialCounts[key] = {};
    for (const box of boxes(key)) {
      const label = form.querySelector(`label[for="${box.id}"] .facet-count`);
      initialCounts[key][box.value] = Number(label ? label.textContent : 0);
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    update();
  });
  form.addEventListener("change", (event) => {
    if (event.target !== input) update();
  });
  // Load the engine early, when the search box or the filters are first used; a failure
  // shows when a search runs.
  const warmUp = () => pagefind().catch(() => {});
  if (input) {
    input.addEventListener("input", later);
    input.addEventListener("focus", warmUp, { once: true });
  }
  if (details) details.addEventListener("toggle", warmUp, { once: true });
  form.querySelector(".filters-clear")?.addEventListener("click", () => {
    for (const key of facetKeys) for (const box of boxes(key)) box.checked = false;
    unknown = [];
    showUnknown();
    update();
  });
  unknownNote?.querySelector("button").addEventListener("click", () => {
    unknown = [];
    showUnknown();
    update();
    input?.focus();
  });
  moreButton.addEventListener("click", () => showMore(true));
  addEventListener("popstate", () => {
    applyUrl();
    update();
  });

  applyUrl();
  update();
}
