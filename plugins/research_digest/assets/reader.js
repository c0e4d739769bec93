/* research-digest: the reader's daily loop.
 * - list mode beside cards (html.rd-listmode, localStorage "rd-view")
 * - filters on every listing over the WHOLE listing, from its filter.json (filter_data.py),
 *   kept in the URL (?topic=nerf&code=1&status=new&type=cross&venue=..&q=..); the text filter
 *   asks the sharded search index (search-worker.js, FILTER message) for the papers with the
 *   words in a title or author, and only the texts of the results on screen are fetched
 * - previous / next day with the arrow keys (links marked data-rd-key)
 * - stars (localStorage "rd-stars") and the reading list page (export / import)
 * - "new since your last visit" (localStorage "rd-visit", sessionStorage "rd-visit-prev")
 * - copy link that keeps the language (?lang=en#p-<id>)
 * Text from data files and storage is only ever set with textContent; links only relative or http(s).
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var VIEW_KEY = "rd-view", STARS_KEY = "rd-stars", VISIT_KEY = "rd-visit", VISIT_PREV = "rd-visit-prev";
  var PARAMS = ["topic", "code", "status", "type", "venue", "q"];
  var SHOWN = 50; // results per step: each step fetches the text chunks of its rows only
  var FILTER = 102, FILTER_RESULT = 103, TITLE_OR_AUTHOR = 3; // search-worker.js: message, search_tokens.LEVEL_*
  var SCRIPT = document.currentScript && document.currentScript.src; // search-worker.js is beside this script
  var T = {
    all: ["全部", "All"], code: ["有代码", "Has code"], new: ["新论文", "New"], updated: ["更新", "Updated"], status: ["新论文或更新", "New or updated"],
    type: ["公告类型", "Announce type"], venue: ["会议", "Venue"], search: ["筛选标题或作者", "Filter titles and authors"],
    matches: ["篇符合", "matching"], of: ["共", "of"], more: ["显示更多", "Show more"], clear: ["清除筛选", "Clear filters"],
    newSince: ["上次访问后新增", "New since your last visit"],
    star: ["加入待读", "Save to reading list"], copyLink: ["复制链接", "Copy link"], copied: ["已复制", "Copied"], failed: ["复制失败", "Copy failed"], remove: ["移除", "Remove"],
    abstract: ["摘要", "Abstract"], imported: ["已导入", "Imported"], bad: ["无法读取该文件", "Could not read that file"]
  };

  function store(kind) { try { return window[kind]; } catch (e) { return null; } }
  function get(key, kind) { try { return store(kind || "localStorage").getItem(key); } catch (e) { return null; } }
  function set(key, value, kind) { try { store(kind || "localStorage").setItem(key, value); } catch (e) { /* private mode */ } }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  function bi(pair, tag) { // both language slots, as the server renders them
    var frag = document.createDocumentFragment();
    var zh = pair[0] || pair[1], en = pair[1] || pair[0];
    var a = el(tag || "span", "rd-zh", zh), b = el(tag || "span", "rd-en", en);
    a.lang = "zh"; b.lang = "en";
    frag.appendChild(a); frag.appendChild(b);
    return frag;
  }

  function pick(pair) { var l = lang(); return l === "zh" ? pair[0] : l === "en" ? pair[1] : pair[0] + " / " + pair[1]; }

  /* Screen-reader texts and tooltips in the toggle's language: ui-language.js re-applies the
     data-rd-*-zh/en pairs on every toggle. */
  function sayBoth(node, pair, names) {
    (names || ["aria-label"]).forEach(function (name) {
      var key = name === "aria-label" ? "aria" : name;
      node.setAttribute("data-rd-" + key + "-zh", pair[0]); node.setAttribute("data-rd-" + key + "-en", pair[1]);
      node.setAttribute(name, pick(pair));
    });
  }

  function optionTexts() { // a select's options hold text only: theirs follow the toggle here
    var options = document.querySelectorAll("option[data-rd-zh]");
    for (var i = 0; i < options.length; i++) {
      options[i].textContent = pick([options[i].getAttribute("data-rd-zh"), options[i].getAttribute("data-rd-en")]);
    }
  }

  function safeHref(href) {
    if (typeof href !== "string") return "";
    if (/^https?:\/\//i.test(href)) return href;
    return /^[^:]*$/.test(href) ? href : ""; // relative: no scheme at all
  }

  function siteRoot() { // absolute URL of the site root
    var holder = document.querySelector("[data-rd-root]");
    var rel = holder ? holder.getAttribute("data-rd-root") : "./";
    try {
      var cfg = JSON.parse(document.getElementById("__config").textContent);
      if (cfg && typeof cfg.base === "string") rel = cfg.base || ".";
    } catch (e) { /* keep the page's own */ }
    var url = new URL(rel, location.href).href;
    return url.charAt(url.length - 1) === "/" ? url : url + "/";
  }

  function lang() { var l = root.getAttribute("data-rd-lang"); return l === "en" || l === "both" ? l : "zh"; }

  /* ------------------------------------------------------------ list mode */

  function applyMode(mode) {
    root.classList.toggle("rd-listmode", mode === "list");
    var buttons = document.querySelectorAll(".rd-mode");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-rd-mode") === mode));
    }
  }

  /* --------------------------------------------------------------- filters */

  var filterState = null; // {data, url, state, shown}

  function readState() {
    var params = new URLSearchParams(location.search), state = {};
    PARAMS.forEach(function (name) { state[name] = params.get(name) || ""; });
    return state;
  }

  function active(state) { return PARAMS.some(function (name) { return !!state[name]; }); }

  function writeState(state) {
    var url = new URL(location.href);
    PARAMS.forEach(function (name) {
      if (state[name]) url.searchParams.set(name, state[name]); else url.searchParams.delete(name);
    });
    history.replaceState(history.state, "", url.href);
  }

  function loadFilter(bar, open) {
    var href = bar.getAttribute("data-rd-filter");
    var url = new URL(href, location.href).href;
    if (filterState && filterState.url === url) return Promise.resolve(filterState);
    return fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      var doc = -1;
      data.papers.forEach(function (row, index) { row.i = index; doc += row[0]; row.doc = doc; });
      filterState = { data: data, url: url, state: readState(), shown: SHOWN, texts: {}, run: 0 };
      buildControls(data);
      if (open) document.querySelector(".rd-filters").hidden = false;
      return filterState;
    });
  }

  function loadTexts(numbers) { // the titles and authors of these text chunks (filter_data.py)
    var data = filterState.data, texts = filterState.texts, base = filterState.url;
    return Promise.all(numbers.map(function (n) {
      if (!texts[n]) {
        texts[n] = fetch(new URL("filter-text-" + n + ".json", base).href).then(function (r) { return r.json(); }).then(function (rows) {
          rows.forEach(function (t, i) {
            var row = data.papers[n * data.chunk + i];
            if (row) { row.t = t; row.hay = (t[0] + " " + t[1] + " " + t[2]).toLowerCase(); }
          });
        });
      }
      return texts[n];
    }));
  }

  /* The sharded search index's worker (the URL Material's search box uses), or "" without one. */
  function searchWorkerUrl() {
    var search = "";
    try { search = String(JSON.parse(document.getElementById("__config").textContent).search || ""); } catch (e) { return ""; }
    if (!SCRIPT || search.indexOf("search-worker.js") < 0) return "";
    var query = search.split("?")[1] || "";
    return new URL("search-worker.js" + (query ? "?" + query : ""), SCRIPT).href;
  }

  var worker = null, broken = false, asked = 0, answers = {};

  function askWorker(q) { // the search index's numbers of the papers with the words in a title or author
    return new Promise(function (resolve, reject) {
      if (broken) { reject(new Error("the search worker failed")); return; }
      if (!worker) {
        var url = searchWorkerUrl();
        if (!url) { reject(new Error("no sharded search index")); return; }
        worker = new Worker(url);
        worker.addEventListener("message", function (e) {
          var m = e.data || {};
          if (m.type === FILTER_RESULT && answers[m.id]) { answers[m.id](m.data || {}); delete answers[m.id]; }
        });
        worker.addEventListener("error", function () {
          broken = true;
          Object.keys(answers).forEach(function (id) { answers[id]({ error: "worker" }); delete answers[id]; });
        });
      }
      var id = ++asked;
      answers[id] = resolve;
      worker.postMessage({ type: FILTER, data: { id: id, q: q, level: TITLE_OR_AUTHOR } });
    });
  }

  function textHits(q) { // {doc: true} of the papers the text filter keeps; null: match texts here
    if (!q.trim()) return Promise.resolve(null);
    return askWorker(q).then(function (answer) {
      if (answer.error || !Array.isArray(answer.docs)) throw new Error(answer.error || "no answer");
      var hits = {};
      answer.docs.forEach(function (d) { hits[d] = true; });
      return hits;
    }).catch(function () { return loadTexts(allChunks()).then(function () { return null; }); });
  }

  function allChunks() { var all = []; for (var n = 0; n < filterState.data.texts; n++) all.push(n); return all; }

  function chunksOf(rows) {
    var seen = {}, chunk = filterState.data.chunk;
    rows.forEach(function (row) { seen[Math.floor(row.i / chunk)] = true; });
    return Object.keys(seen).map(Number);
  }

  function buildControls(data) {
    var box = document.querySelector(".rd-filters"), state = filterState.state;
    box.textContent = "";
    var counts = {};
    data.papers.forEach(function (row) { row[3].forEach(function (t) { counts[t] = (counts[t] || 0) + 1; }); });
    var chips = el("div", "rd-filters__topics");
    data.topics.forEach(function (topic, index) {
      var chip = el("button", "rd-chip rd-filter-topic");
      chip.type = "button";
      chip.setAttribute("data-value", topic[0]);
      chip.appendChild(bi([topic[1], topic[2]]));
      chip.appendChild(el("span", "rd-chip__count", String(counts[index] || 0)));
      chips.appendChild(chip);
    });
    box.appendChild(chips);
    var row = el("div", "rd-filters__row");
    var code = el("label", "rd-filters__code"), check = el("input");
    check.type = "checkbox"; check.name = "code";
    code.appendChild(check); code.appendChild(bi(T.code));
    row.appendChild(code);
    row.appendChild(select("status", [["", T.all], ["new", T.new], ["updated", T.updated]], T.status));
    if (data.types.length) row.appendChild(select("type", [["", T.type]].concat(data.types.map(function (t) { return [t[0], [t[1], t[2]]]; })), T.type));
    if (data.venues.length) row.appendChild(select("venue", [["", T.venue]].concat(data.venues.map(function (v) { return [v, [v, v]]; })), T.venue));
    var text = el("input", "rd-filters__text");
    text.type = "search"; text.name = "q";
    sayBoth(text, T.search, ["aria-label", "placeholder"]);
    row.appendChild(text);
    var clear = el("button", "md-button rd-filters__clear"); clear.type = "button";
    clear.appendChild(bi(T.clear));
    row.appendChild(clear);
    box.appendChild(row);
    syncControls(state);
  }

  function select(name, options, label) {
    var node = el("select", "rd-filters__select");
    node.name = name;
    sayBoth(node, label);
    options.forEach(function (option) {
      var item = el("option", "", option[1][0] === option[1][1] ? option[1][0] : pick(option[1]));
      if (option[1][0] !== option[1][1]) { item.setAttribute("data-rd-zh", option[1][0]); item.setAttribute("data-rd-en", option[1][1]); }
      item.value = option[0];
      node.appendChild(item);
    });
    return node;
  }

  function syncControls(state) {
    var box = document.querySelector(".rd-filters");
    var chips = box.querySelectorAll(".rd-filter-topic");
    for (var i = 0; i < chips.length; i++) chips[i].setAttribute("aria-pressed", String(chips[i].getAttribute("data-value") === state.topic));
    var fields = box.querySelectorAll("input, select");
    for (var j = 0; j < fields.length; j++) {
      var f = fields[j];
      if (f.type === "checkbox") f.checked = state[f.name] === "1"; else if (document.activeElement !== f) f.value = state[f.name] || "";
    }
  }

  function matches(data, state, hits) {
    var topic = -1, venue = -1, type = -1, words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    data.topics.forEach(function (t, i) { if (t[0] === state.topic) topic = i; });
    data.venues.forEach(function (v, i) { if (v === state.venue) venue = i; });
    data.types.forEach(function (t, i) { if (t[0] === state.type) type = i; });
    return data.papers.filter(function (row) {
      if (state.topic && row[3].indexOf(topic) < 0) return false;
      if (state.code && !(row[4] & 1)) return false;
      if (state.status === "new" && !(row[4] & 2)) return false;
      if (state.status === "updated" && (row[4] & 2)) return false;
      if (state.venue && row[5] !== venue) return false;
      if (state.type && row[6] !== type) return false;
      if (hits) return !!hits[row.doc];
      for (var i = 0; i < words.length; i++) if ((row.hay || "").indexOf(words[i]) < 0) return false;
      return true;
    });
  }

  function applyFilters() {
    var state = filterState.state, data = filterState.data;
    var listing = document.querySelector(".rd-listing"), results = document.querySelector(".rd-filter-results");
    var pagination = document.querySelector(".rd-pagination");
    writeState(state);
    syncControls(state);
    var on = active(state);
    if (listing) listing.hidden = on;
    if (pagination) pagination.hidden = on;
    results.hidden = !on;
    if (!on) { results.textContent = ""; return; }
    var run = ++filterState.run;
    textHits(state.q).then(function (hits) {
      var found = matches(data, state, hits), shown = found.slice(0, filterState.shown);
      return loadTexts(chunksOf(shown)).then(function () {
        if (run === filterState.run) showResults(found, shown, data, results);
      });
    });
  }

  function showResults(found, shown, data, results) {
    var base = siteRoot();
    results.textContent = "";
    var count = el("p", "rd-stats rd-filter-results__count");
    count.appendChild(document.createTextNode(found.length + " / " + data.papers.length + " "));
    count.appendChild(bi(T.matches));
    results.appendChild(count);
    var list = el("div", "rd-cards rd-filter-results__list");
    shown.forEach(function (row) { list.appendChild(resultRow(row, data, base)); });
    results.appendChild(list);
    if (found.length > filterState.shown) {
      var more = el("button", "md-button rd-filter-results__more"); more.type = "button";
      more.appendChild(bi(T.more));
      results.appendChild(more);
    }
  }

  function resultRow(row, data, base) {
    var card = el("article", "rd-card rd-card--row");
    var title = el("h2", "rd-card__title"), link = el("a"); // h2 follows any heading in order
    var page = row[1] >= 0 ? data.pages[row[1]] : null;
    var t = row.t || ["", "", "", ""];
    link.href = page === null ? "#" + t[3] : safeHref(base + page + "#" + t[3]);
    link.appendChild(bi([t[1] || t[0], t[0] || t[1]]));
    title.appendChild(link);
    card.appendChild(title);
    var meta = el("div", "rd-meta");
    if (row[7] > 1) meta.appendChild(el("span", "rd-badge", "v" + row[7]));
    if (row[4] & 1) { var code = el("span", "rd-badge rd-badge--code"); code.appendChild(bi(T.code)); meta.appendChild(code); }
    if (row[2]) meta.appendChild(el("span", "rd-date", row[2])); // labelled "first seen" by reader.css
    row[3].forEach(function (t) { var chip = el("span", "rd-topic"); chip.appendChild(bi([data.topics[t][1], data.topics[t][2]])); meta.appendChild(chip); });
    card.appendChild(meta);
    if (t[2]) card.appendChild(el("div", "rd-authors", t[2]));
    return card;
  }

  function onFilterInput(e) {
    var t = e.target;
    if (!filterState || !t.closest || !t.closest(".rd-filters") || !t.name) return;
    filterState.state[t.name] = t.type === "checkbox" ? (t.checked ? "1" : "") : t.value;
    filterState.shown = SHOWN;
    applyFilters();
  }

  /* ------------------------------------------------------- stars, sharing */

  function stars() {
    try {
      var data = JSON.parse(get(STARS_KEY) || "[]");
      return Array.isArray(data) ? data.filter(function (s) { return s && typeof s.id === "string"; }) : [];
    } catch (e) { return []; }
  }

  function saveStars(list) { set(STARS_KEY, JSON.stringify(list)); }

  function starred(id) { return stars().some(function (s) { return s.id === id; }); }

  function text(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }

  function snapshot(card) {
    var heading = card.querySelector(".rd-card__title");
    var zh = heading && heading.querySelector(".rd-zh:not(.rd-fallback)"), en = heading && heading.querySelector(".rd-en:not(.rd-fallback)");
    var permalink = card.querySelector(".rd-card__title .headerlink");
    var url = permalink ? new URL(permalink.getAttribute("href"), location.href).href : location.href.split("#")[0] + "#" + (heading ? heading.id : "");
    var base = siteRoot();
    var authors = card.querySelector(".rd-authors:not(.rd-earlier-titles):not(.rd-also-posted)");
    var names = authors ? text(authors).replace(/^[^:：]*[:：]\s*/, "") : "";
    var links = {};
    ["arxiv", "pdf", "code"].forEach(function (kind) {
      var a = card.querySelector(".rd-link--" + kind);
      if (a) links[kind] = a.href;
    });
    var bib = card.querySelector(".rd-bibtex__text");
    var actions = card.querySelector(".rd-card__actions");
    return {
      id: card.getAttribute("data-paper-id"), title_zh: text(zh), title_en: text(en), authors: names,
      url: url.indexOf(base) === 0 ? url.slice(base.length) : url, first: actions ? actions.getAttribute("data-first") || "" : "",
      links: links, bibtex: bib ? bib.textContent.trim() : "", added: new Date().toISOString().slice(0, 10)
    };
  }

  function toggleStar(button) {
    var card = button.closest(".rd-card");
    var id = card && card.getAttribute("data-paper-id");
    if (!id) return;
    var list = stars(), at = -1;
    list.forEach(function (s, i) { if (s.id === id) at = i; });
    if (at >= 0) list.splice(at, 1); else list.push(snapshot(card));
    saveStars(list);
    markStars();
  }

  function addButtons() { // the star and copy-link buttons of every card (card.html leaves a slot)
    var slots = document.querySelectorAll(".rd-card__actions:empty");
    for (var i = 0; i < slots.length; i++) {
      var star = el("button", "rd-star", "☆"); star.type = "button";
      star.setAttribute("aria-pressed", "false");
      sayBoth(star, T.star, ["title", "aria-label"]);
      var copy = el("button", "rd-copy-link"); copy.type = "button";
      sayBoth(copy, T.copyLink, ["title"]);
      var words = el("span", "rd-copy-link__text"); words.appendChild(bi(T.copyLink)); copy.appendChild(words);
      slots[i].appendChild(star); slots[i].appendChild(copy);
    }
  }

  function markStars() {
    var ids = {};
    stars().forEach(function (s) { ids[s.id] = true; });
    var buttons = document.querySelectorAll(".rd-card .rd-star");
    for (var i = 0; i < buttons.length; i++) {
      var card = buttons[i].closest(".rd-card"), on = !!ids[card.getAttribute("data-paper-id")];
      buttons[i].setAttribute("aria-pressed", String(on));
      buttons[i].textContent = on ? "★" : "☆";
    }
  }

  function copyText(value) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(value).then(function () { return true; }, function () { return legacyCopy(value); });
    }
    return Promise.resolve(legacyCopy(value));
  }

  function legacyCopy(value) {
    var area = el("textarea"); area.value = value;
    area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function shareLink(card) {
    var permalink = card.querySelector(".rd-card__title .headerlink");
    var url = new URL(permalink ? permalink.getAttribute("href") : "#" + card.querySelector(".rd-card__title").id, location.href);
    url.search = "";
    url.searchParams.set("lang", lang());
    return url.href;
  }

  function copyLink(button) {
    var card = button.closest(".rd-card");
    var link = shareLink(card);
    button.setAttribute("data-rd-link", link);
    copyText(link).then(function (ok) {
      button.classList.add(ok ? "rd-copied" : "rd-copy-failed");
      button.setAttribute("data-rd-state", ok ? "copied" : "failed");
      var note = el("span", "rd-copy-note"); note.appendChild(bi(ok ? T.copied : T.failed));
      button.appendChild(note);
      window.setTimeout(function () { button.classList.remove("rd-copied", "rd-copy-failed"); if (note.parentNode) note.parentNode.removeChild(note); }, 1800);
    });
  }

  /* ------------------------------------------------- new since last visit */

  function markNewSince() {
    var holder = document.querySelector("[data-rd-day]");
    var day = holder && holder.getAttribute("data-rd-day");
    if (!day) return;
    var previous = get(VISIT_PREV, "sessionStorage");
    if (previous === null) { previous = get(VISIT_KEY) || ""; set(VISIT_PREV, previous, "sessionStorage"); }
    if (previous) {
      var actions = document.querySelectorAll(".rd-card__actions[data-first]");
      for (var i = 0; i < actions.length; i++) {
        if (actions[i].getAttribute("data-first") > previous) {
          var card = actions[i].closest(".rd-card");
          if (card.classList.contains("rd-card--new-since")) continue;
          card.classList.add("rd-card--new-since");
          var badge = el("span", "rd-badge rd-badge--new-since"); badge.appendChild(bi(T.newSince));
          var meta = card.querySelector(".rd-meta");
          if (meta) meta.insertBefore(badge, meta.firstChild);
        }
      }
    }
    var seen = get(VISIT_KEY) || "";
    if (day > seen) set(VISIT_KEY, day);
  }

  /* ---------------------------------------------------------- reading list */

  function chunk(first) {
    if (!/^\d{4}(-\d{2}){0,2}$/.test(first || "")) return Promise.resolve(null);
    return fetch(siteRoot() + "paper-data/" + first + ".json").then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
  }

  function paperData(item) { // {zh, en: abstract HTML, bib}: the per-paper data chunk, else the paper's own card
    return chunk(item.first).then(function (data) {
      return data && data.papers && data.papers[item.id] ? data.papers[item.id] : fromCard(item);
    });
  }

  function fromCard(item) {
    var href = safeHref(item.url || "");
    if (!href) return Promise.resolve(null);
    var url = new URL(href, siteRoot()).href.split("#")[0];
    if (new URL(url).origin !== location.origin) return Promise.resolve(null); // an imported list may point anywhere
    return fetch(url).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html"), card = null;
      var cards = doc.querySelectorAll(".rd-card[data-paper-id]");
      for (var i = 0; i < cards.length; i++) if (cards[i].getAttribute("data-paper-id") === item.id) card = cards[i];
      if (!card) return null;
      var zh = card.querySelector(".rd-abstract.rd-zh:not(.rd-fallback) .rd-abstract__text");
      var en = card.querySelector(".rd-abstract.rd-en:not(.rd-fallback) .rd-abstract__text");
      var bib = card.querySelector(".rd-bibtex__text");
      return { zh: zh ? zh.innerHTML : null, en: en ? en.innerHTML : null, bib: bib ? bib.textContent.trim() : "" };
    }).catch(function () { return null; });
  }

  function readingCard(item, base) {
    var card = el("article", "rd-card rd-card--reading");
    card.setAttribute("data-paper-id", item.id);
    var title = el("h2", "rd-card__title"), link = el("a"); // h2: the list page has no group headings between its h1 and the cards
    var href = safeHref(item.url || "");
    link.href = /^https?:/i.test(href) ? href : base + href;
    link.appendChild(bi([item.title_zh || item.title_en || item.id, item.title_en || item.title_zh || item.id]));
    title.appendChild(link); card.appendChild(title);
    var meta = el("div", "rd-meta");
    if (item.first) meta.appendChild(el("span", "rd-date", item.first));
    card.appendChild(meta);
    if (item.authors) card.appendChild(el("div", "rd-authors", item.authors));
    var links = el("div", "rd-links");
    Object.keys(item.links || {}).forEach(function (kind) {
      var url = safeHref(item.links[kind]);
      if (!/^https?:/i.test(url)) return;
      var a = el("a", "rd-link rd-link--" + kind, kind === "arxiv" ? "arXiv" : kind === "pdf" ? "PDF" : "Code");
      a.href = url; a.rel = "noopener noreferrer"; links.appendChild(a);
    });
    var remove = el("button", "md-button rd-reading__remove"); remove.type = "button";
    remove.appendChild(bi(T.remove)); links.appendChild(remove);
    card.appendChild(links);
    var details = el("details", "rd-abstract"), summary = el("summary");
    summary.appendChild(bi(T.abstract)); details.appendChild(summary);
    var body = el("div", "rd-abstract__text"); details.appendChild(body);
    details.addEventListener("toggle", function () {
      if (!details.open || body.childNodes.length) return;
      paperData(item).then(function (data) {
        var zh = el("div", "rd-zh"), en = el("div", "rd-en");
        zh.lang = "zh"; en.lang = "en";
        // the chunk's abstracts are HTML escaped by the site build (scale's paper_data.py)
        zh.innerHTML = data && (data.zh || data.en) || ""; en.innerHTML = data && (data.en || data.zh) || "";
        if (!zh.innerHTML && !en.innerHTML) en.textContent = zh.textContent = "—";
        body.appendChild(zh); body.appendChild(en);
      });
    });
    card.appendChild(details);
    return card;
  }

  function renderReading() {
    var box = document.querySelector(".rd-reading");
    if (!box) return;
    var list = stars(), base = siteRoot(), cards = box.querySelector(".rd-reading__cards");
    box.querySelector(".rd-reading__tools").hidden = false;
    box.querySelector(".rd-reading__empty").hidden = list.length > 0;
    cards.textContent = "";
    list.forEach(function (item) { cards.appendChild(readingCard(item, base)); });
  }

  function download(name, type, content) {
    var a = el("a"); a.href = URL.createObjectURL(new Blob([content], { type: type })); a.download = name;
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
  }

  function exportBibtex() {
    var list = stars();
    return Promise.all(list.map(function (item) {
      if (item.bibtex) return item.bibtex;
      return paperData(item).then(function (data) {
        return data && data.bib ? data.bib : "@misc{" + item.id.replace(/[^A-Za-z0-9._:-]/g, "_") + ",\n  title = {" + (item.title_en || item.title_zh) + "}\n}";
      });
    })).then(function (entries) { download("reading-list.bib", "application/x-bibtex", entries.join("\n\n") + "\n"); });
  }

  function importList(file) {
    var reader = new FileReader();
    reader.onload = function () {
      try {
        var data = JSON.parse(reader.result), items = Array.isArray(data) ? data : data.papers;
        if (!Array.isArray(items)) throw new Error("no papers");
        var list = stars(), have = {};
        list.forEach(function (s) { have[s.id] = true; });
        items.forEach(function (item) {
          if (!item || typeof item.id !== "string" || have[item.id]) return;
          var clean = {};
          ["id", "title_zh", "title_en", "authors", "url", "first", "bibtex", "added"].forEach(function (k) { clean[k] = typeof item[k] === "string" ? item[k] : ""; });
          clean.links = {};
          Object.keys(item.links || {}).forEach(function (k) { if (/^(arxiv|pdf|code)$/.test(k) && /^https?:/i.test(item.links[k])) clean.links[k] = item.links[k]; });
          list.push(clean); have[item.id] = true;
        });
        saveStars(list);
        renderReading();
      } catch (e) {
        var empty = document.querySelector(".rd-reading__empty");
        empty.hidden = false; empty.textContent = ""; empty.appendChild(bi(T.bad));
      }
    };
    reader.readAsText(file);
  }

  /* ------------------------------------------------------------- events */

  function onClick(e) {
    var t = e.target && e.target.closest ? e.target : null;
    if (!t) return;
    var hit;
    if ((hit = t.closest(".rd-star"))) { e.preventDefault(); toggleStar(hit); return; }
    if ((hit = t.closest(".rd-copy-link"))) { e.preventDefault(); copyLink(hit); return; }
    if ((hit = t.closest(".rd-mode"))) { var mode = hit.getAttribute("data-rd-mode"); set(VIEW_KEY, mode); applyMode(mode); return; }
    if ((hit = t.closest(".rd-toolbar__filter"))) {
      var bar = hit.closest(".rd-toolbar");
      var box = document.querySelector(".rd-filters");
      if (filterState && box) { box.hidden = !box.hidden; hit.setAttribute("aria-expanded", String(!box.hidden)); return; }
      hit.setAttribute("aria-expanded", "true");
      loadFilter(bar, true).then(applyFilters);
      return;
    }
    if ((hit = t.closest(".rd-filter-topic"))) {
      var value = hit.getAttribute("data-value");
      filterState.state.topic = filterState.state.topic === value ? "" : value;
      filterState.shown = SHOWN; applyFilters(); return;
    }
    if (t.closest(".rd-filters__clear")) { PARAMS.forEach(function (p) { filterState.state[p] = ""; }); applyFilters(); return; }
    if (t.closest(".rd-filter-results__more")) { filterState.shown += SHOWN; applyFilters(); return; }
    if ((hit = t.closest(".rd-reading__remove"))) {
      var id = hit.closest(".rd-card").getAttribute("data-paper-id");
      saveStars(stars().filter(function (s) { return s.id !== id; })); renderReading(); return;
    }
    if (t.closest(".rd-reading__json")) { download("reading-list.json", "application/json", JSON.stringify({ v: 1, papers: stars() }, null, 1)); return; }
    if (t.closest(".rd-reading__bibtex")) { exportBibtex(); return; }
  }

  function onKey(e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    var link = document.querySelector('a[data-rd-key="' + e.key + '"]');
    if (link) { e.preventDefault(); link.click(); }
  }

  var timer = null;
  function onInput(e) {
    if (e.target && e.target.name === "q") { window.clearTimeout(timer); timer = window.setTimeout(function () { onFilterInput(e); }, 120); } else onFilterInput(e);
  }

  function openTarget() { // "jump to month" from an older page lands on the open month list
    var target = location.hash === "#rd-months" ? document.getElementById("rd-months") : null;
    if (target && target.tagName === "DETAILS") target.open = true;
  }

  function onPage() {
    filterState = null;
    openTarget();
    root.classList.add("rd-reader");
    var bars = document.querySelectorAll(".rd-toolbar");
    for (var i = 0; i < bars.length; i++) bars[i].hidden = false;
    applyMode(get(VIEW_KEY) === "list" ? "list" : "cards");
    addButtons();
    markStars();
    markNewSince();
    renderReading();
    var bar = document.querySelector(".rd-toolbar[data-rd-filter]");
    if (bar && active(readState())) {
      var button = bar.querySelector(".rd-toolbar__filter");
      if (button) button.setAttribute("aria-expanded", "true");
      loadFilter(bar, true).then(applyFilters);
    }
    var file = document.querySelector(".rd-reading__import input");
    if (file) file.addEventListener("change", function () { if (file.files[0]) importList(file.files[0]); });
  }

  function init() {
    applyMode(get(VIEW_KEY) === "list" ? "list" : "cards");
    document.addEventListener("click", onClick);
    document.addEventListener("change", onFilterInput);
    document.addEventListener("input", onInput);
    document.addEventListener("focusin", function (e) { // the reader is about to type: start the index's worker
      if (e.target && e.target.classList && e.target.classList.contains("rd-filters__text")) askWorker("").catch(function () {});
    });
    document.addEventListener("keydown", onKey);
    window.addEventListener("hashchange", openTarget);
    document.addEventListener("rd:langchange", function () {
      var text = document.querySelector(".rd-filters__text");
      if (text) text.setAttribute("placeholder", pick(T.search));
      optionTexts();
    });
    var doc$ = window.document$;
    if (doc$ && typeof doc$.subscribe === "function") doc$.subscribe(function () { onPage(); });
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
    else onPage();
  }

  try { init(); } catch (e) { if (window.console && console.error) console.error("research-digest reader:", e); }
})();
