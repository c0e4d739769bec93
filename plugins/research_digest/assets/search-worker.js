/* research-digest search worker (plain ES2017, no dependencies).
 *
 * A drop-in for Material's search worker (same messages: SETUP -> READY, QUERY -> RESULT) for
 * the sharded index that search_index.py writes: Material keeps its search box, result list,
 * highlighting and suggestions; this worker answers from the small files a query needs.
 *
 * - SETUP: keeps Material's docs (hand-written pages only, searched here directly) and starts
 *   fetching the manifest of the paper index (URL from this script's ?index=; the manifest's id versions the other files).
 * - QUERY: tokenises the query as search_index.py does (words, arXiv ids, CJK bigrams), AND of
 *   the terms (OR with "missing" terms when nothing has them all), every word also as a prefix;
 *   fetches only the shards holding those tokens and the display chunks of the top results
 *   (all cached), ranks (arXiv id > title > author/venue > TL;DR; exact word > prefix; newer
 *   first) and answers with Material's result groups (per canonical archive page).
 * - Everything put into result HTML is escaped here; <mark> is added after escaping.
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var PAGE = 100, PAGE_RESULT = 101; // the results page (search-page.js), not Material
  var FILTER = 102, FILTER_RESULT = 103; // the text filter of a listing (reader.js)
  var BOX_RESULTS = 10; // papers in the search box: only their display chunks are fetched
  var PAGE_RESULTS = 20; // papers per page of the results page
  var MAX_PREFIX_SHARDS = 2; // shards read to complete a word prefix
  var MAX_TOKEN = 40;
  // by level: abstract, TL;DR, venue/year/category, author, first author, title, arXiv id
  var WEIGHT = [1, 2, 3, 6, 8, 10, 24];
  var LEVEL_TLDR = 1, LEVEL_TITLE = 5;
  var EXACT = 4; // an exact word counts this many times a prefix match of the same field
  var CJK = "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\u{20000}-\\u{3ffff}";
  var WORD = new RegExp("[\\p{L}\\p{N}_]+", "gu"); // Python's \w
  var CJK_SPLIT = new RegExp("([" + CJK + "]+)", "u");
  var AUTHOR = /author:\s*(?:"([^"]*)"?|([^\s"]+))/g; // author:"Kaiming He": that exact author
  var QUERY_ID = /(^|[^\d.])(\d{4}\.\d+)(?!\d)/g; // an arXiv id, complete or being typed
  var TEXT_ID = /(^|[^\d.])(\d{4}\.\d{4,5})(?!\d)/g; // as the index keeps them

  /* ---------------------------------------------------------------- tokens */

  function normalize(text) {
    return String(text || "").normalize("NFKC").toLowerCase();
  }

  function isAscii(text) {
    return /^[\x00-\x7f]*$/.test(text);
  }

  function isCjkChar(ch) {
    return new RegExp("^[" + CJK + "]$", "u").test(ch);
  }

  function chars(text) {
    return Array.from(text); // code points, like Python's str
  }

  /* The pieces of a normalised text: {cjk: bool, text} in order (search_index.tokens). */
  function pieces(normal) {
    var out = [];
    var words = normal.match(WORD) || [];
    for (var w = 0; w < words.length; w++) {
      var parts = isAscii(words[w]) ? [words[w]] : words[w].split(CJK_SPLIT);
      for (var i = 0; i < parts.length; i++) {
        if (!parts[i]) continue;
        if (i % 2) { out.push({ cjk: true, text: parts[i] }); continue; }
        var sub = parts[i].split("_");
        for (var s = 0; s < sub.length; s++) if (sub[s]) out.push({ cjk: false, text: sub[s] });
      }
    }
    return out;
  }

  function bigrams(run) {
    var cs = chars(run), out = [];
    for (var i = 0; i < cs.length; i++) out.push(cs.slice(i, i + 2).join(""));
    return out;
  }

  function trigrams(run) {
    var cs = chars(run), out = [];
    for (var i = 0; i + 3 <= cs.length; i++) out.push(cs.slice(i, i + 3).join(""));
    return out;
  }

  /* Index tokens of a text: the same list as search_index.tokens (order of first occurrence). */
  function tokenize(text) {
    var raw = String(text || "");
    var normal = isAscii(raw) ? raw.toLowerCase() : normalize(raw);
    var seen = new Set();
    var ps = pieces(normal);
    for (var i = 0; i < ps.length; i++) {
      if (ps[i].cjk) bigrams(ps[i].text).concat(trigrams(ps[i].text)).forEach(function (b) { seen.add(b); });
      else if (chars(ps[i].text).length <= MAX_TOKEN) seen.add(ps[i].text);
    }
    if (normal.indexOf(".") >= 0) {
      var m;
      TEXT_ID.lastIndex = 0;
      while ((m = TEXT_ID.exec(normal))) seen.add(m[2]);
    }
    return Array.from(seen);
  }

  /* A query as terms: {key, tokens, prefix}. A word (>= 2 characters) or an arXiv id is also
     matched as a prefix; a CJK run by its trigrams (all of them: its characters in a row), of
     two characters by its bigram, a lone CJK character as the prefix of the bigrams it starts. */
  function authorKey(name) {
    return "@" + pieces(normalize(name)).map(function (p) { return p.text; }).join(" ");
  }

  function parseQuery(query) {
    var normal = normalize(query);
    var terms = [];
    normal = normal.replace(AUTHOR, function (all, quoted, bare) {
      var key = authorKey(quoted !== undefined ? quoted : bare);
      if (key.length > 1) terms.push({ key: key, tokens: [key], prefix: false, author: true });
      return " ";
    });
    var rest = normal.replace(QUERY_ID, function (all, before, id) {
      terms.push({ key: id, tokens: [id], prefix: true });
      return before + " ";
    });
    var ps = pieces(rest);
    for (var i = 0; i < ps.length; i++) {
      var text = ps[i].text, n = chars(text).length;
      if (ps[i].cjk) {
        if (n === 1) terms.push({ key: text, tokens: [text], prefix: true });
        else terms.push({ key: text, tokens: n >= 3 ? trigrams(text) : bigrams(text).slice(0, 1), prefix: false });
      } else if (n <= MAX_TOKEN) {
        terms.push({ key: text, tokens: [text], prefix: n >= 2 });
      }
    }
    var seen = {};
    return terms.filter(function (t) { return seen[t.key] ? false : (seen[t.key] = true); });
  }

  /* JavaScript compares strings by UTF-16 code units, as the index sorts its tokens. */
  function shardOf(token, firsts) {
    var low = 0, high = firsts.length - 1, found = 0;
    while (low <= high) {
      var mid = (low + high) >> 1;
      if (firsts[mid] <= token) { found = mid; low = mid + 1; } else high = mid - 1;
    }
    return found;
  }

  function shardsFor(token, prefix, firsts) {
    var first = shardOf(token, firsts), out = [first];
    if (!prefix) return out;
    for (var i = first + 1; i < firsts.length && out.length < MAX_PREFIX_SHARDS; i++) {
      if (firsts[i].slice(0, token.length) !== token) break;
      out.push(i);
    }
    return out;
  }

  /* ------------------------------------------------------------------ HTML */

  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function isWordChar(ch) {
    return !!ch && /[\p{L}\p{N}_]/u.test(ch);
  }

  /* The text, escaped, with the query terms marked: words at the start of a word, CJK runs and
     ids anywhere. Matching is case-insensitive on a lowercased copy of the same length. */
  function highlight(text, terms) {
    text = String(text || "");
    var lower = text.toLowerCase();
    if (lower.length !== text.length) lower = text;
    var ranges = [];
    terms.forEach(function (term) {
      var key = term.key;
      if (!key) return;
      var anywhere = !/^[\p{L}\p{N}_]/u.test(key) || isCjkChar(chars(key)[0]);
      for (var at = lower.indexOf(key); at >= 0; at = lower.indexOf(key, at + 1)) {
        if (anywhere || !isWordChar(lower.charAt(at - 1))) ranges.push([at, at + key.length]);
      }
    });
    if (!ranges.length) return escapeHTML(text);
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = "", cursor = 0;
    for (var i = 0; i < ranges.length; i++) {
      var start = Math.max(ranges[i][0], cursor), end = ranges[i][1];
      if (end <= start) continue;
      out += escapeHTML(text.slice(cursor, start)) + "<mark>" + escapeHTML(text.slice(start, end)) + "</mark>";
      cursor = end;
    }
    return out + escapeHTML(text.slice(cursor));
  }

  /* A window of the text around its first match (for long hand-written sections). */
  function excerpt(text, terms, size) {
    if (text.length <= size) return text;
    var lower = text.toLowerCase(), at = -1;
    terms.forEach(function (t) {
      var i = lower.indexOf(t.key);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var start = Math.max(0, at - (size >> 2));
    return (start > 0 ? "…" : "") + text.slice(start, start + size) + (start + size < text.length ? "…" : "");
  }

  function plainText(html) {
    return String(html || "")
      .replace(/<[^>]*>/g, " ")
      .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi, function (all, dec, hex, name) {
        if (dec) return String.fromCodePoint(+dec);
        if (hex) return String.fromCodePoint(parseInt(hex, 16));
        return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " }[name.toLowerCase()];
      })
      .replace(/\u200b/g, "")
      .replace(/\s+/g, " ")
      .trim();
  }

  /* ------------------------------------------------------------- the index */

  function PaperIndex(base, version, fetcher) {
    this.base = base;
    this.version = version;
    this.fetcher = fetcher;
    this.files = new Map(); // file name -> Promise (every file is fetched once)
    var self = this;
    // The pages name no version (a page taken over by a `mkdocs serve` rebuild must not go
    // stale): the manifest is revalidated, and its id versions the other files.
    var manifest = version ? this.load("manifest.json") : this.fetcher(new URL("manifest.json", base).href, true);
    this.manifest = manifest.then(function (m) {
      if (!m || !Array.isArray(m.shards)) throw new Error("research-digest: bad search manifest");
      if (!self.version && m.id) self.version = String(m.id);
      m.bits = m.bits || 2;
      m.stopSet = new Set(m.stop || []);
      return m;
    });
  }

  PaperIndex.prototype.load = function (name) {
    var url = new URL(name + (this.version ? "?v=" + encodeURIComponent(this.version) : ""), this.base);
    return this.fetcher(url.href);
  };

  PaperIndex.prototype.file = function (name, fallback) {
    var self = this;
    if (!this.files.has(name)) {
      this.files.set(name, this.manifest.then(function (m) {
        return self.load(name + (m.gz ? ".gz" : "")); // stored compressed: see parseBytes
      }).catch(function () { return fallback; }));
    }
    return this.files.get(name);
  };

  PaperIndex.prototype.shard = function (i) { return this.file("s/" + i + ".json", {}); };
  PaperIndex.prototype.chunk = function (i) { return this.file("d/" + i + ".json", []); };
  PaperIndex.prototype.texts = function (i) { return this.file("a/" + i + ".json", []); };
  PaperIndex.prototype.meta = function () { return this.file("meta.json", null); };

  function hitScore(hit) {
    return WEIGHT[hit.level] * (hit.exact ? EXACT : 1);
  }

  function better(a, b) { // is hit a better than hit b?
    return !b || hitScore(a) > hitScore(b);
  }

  /* Map doc number -> {level, exact} for one query token (exact, or as a prefix). */
  PaperIndex.prototype.lookup = function (manifest, token, prefix) {
    var self = this, bits = manifest.bits, mask = (1 << bits) - 1;
    var numbers = shardsFor(token, prefix, manifest.shards);
    return Promise.all(numbers.map(function (i) { return self.shard(i); })).then(function (shards) {
      var hits = new Map();
      shards.forEach(function (shard) {
        var keys = prefix ? Object.keys(shard) : (Object.prototype.hasOwnProperty.call(shard, token) ? [token] : []);
        keys.forEach(function (key) {
          if (prefix ? key.slice(0, token.length) !== token : key !== token) return;
          var exact = key === token, postings = shard[key], doc = 0;
          for (var p = 0; p < postings.length; p++) {
            doc += Math.floor(postings[p] / (mask + 1));
            var hit = { level: postings[p] & mask, exact: exact };
            if (better(hit, hits.get(doc))) hits.set(doc, hit);
          }
        });
      });
      return hits;
    });
  };

  /* The tokens of a term that are looked up: a stop word only when the term is nothing else
     (the index has stop words from titles, authors and venues only). */
  function lookedUp(term, manifest) {
    var kept = term.tokens.filter(function (t) { return !manifest.stopSet.has(t); });
    return kept.length ? kept : term.tokens;
  }

  function isStop(term, manifest) {
    return !term.author && term.tokens.every(function (t) { return manifest.stopSet.has(t); });
  }

  /* Map doc number -> {level, exact} for a term (all its tokens: a CJK run needs every bigram). */
  PaperIndex.prototype.term = function (manifest, term) {
    var self = this;
    var tokens = lookedUp(term, manifest);
    return Promise.all(tokens.map(function (t) { return self.lookup(manifest, t, term.prefix); }))
      .then(function (lists) {
        lists.sort(function (a, b) { return a.size - b.size; });
        var out = new Map();
        lists[0].forEach(function (hit, doc) {
          var level = hit.level, exact = hit.exact;
          for (var i = 1; i < lists.length; i++) {
            var other = lists[i].get(doc);
            if (!other) return;
            level = Math.min(level, other.level);
            exact = exact && other.exact;
          }
          out.set(doc, { level: level, exact: exact || term.tokens.length > 1 });
        });
        return out;
      });
  };

  /* Every paper matching the terms, best first: all required terms (stop words are optional
     beside other words), else as many as possible; then by match quality (terms matched as
     whole words, then the fields they are in), then newer first. */
  function rank(maps, terms, manifest) {
    var required = terms.map(function (t) { return !isStop(t, manifest); });
    if (!required.some(Boolean)) required = terms.map(function () { return true; });
    var scores = new Map();
    maps.forEach(function (map, t) {
      map.forEach(function (hit, doc) {
        var entry = scores.get(doc);
        if (!entry) scores.set(doc, entry = { doc: doc, score: 0, matched: [], needed: 0, exact: 0, levels: {} });
        entry.score += hitScore(hit);
        if (hit.exact) entry.exact++;
        entry.matched.push(t);
        entry.levels[t] = hit.level;
        if (required[t]) entry.needed++;
      });
    });
    var all = Array.from(scores.values());
    var need = required.filter(Boolean).length;
    var complete = all.filter(function (e) { return e.needed === need; });
    var list = complete.length ? complete : all;
    list.sort(function (a, b) {
      /* whole words before prefixes (`surge` before "Surgical"), then fields, then newer papers */
      return b.needed - a.needed || b.exact - a.exact || b.score - a.score || b.doc - a.doc;
    });
    return { list: list, complete: complete.length > 0 };
  }

  /* Do the query's words occur adjacent and in order in the text (the last as a prefix)? */
  function isPhrase(text, terms) {
    var words = terms.filter(function (t) { return !t.author; });
    if (words.length < 2) return false;
    var flat = pieces(normalize(text)).map(function (p) { return p.text; }).join(" ");
    var wanted = words.map(function (t) { return t.key; }).join(" ");
    var at = (" " + flat + " ").indexOf(" " + wanted);
    return at >= 0;
  }

  /* Are the query's words (two or more) whole words of the text, in the query's order? */
  function inOrder(text, terms) {
    var words = terms.filter(function (t) { return !t.author; });
    if (words.length < 2) return false;
    var flat = pieces(normalize(text)).map(function (p) { return p.text; });
    var at = 0;
    for (var w = 0; w < words.length; w++) {
      while (at < flat.length && flat[at] !== words[w].key) at++;
      if (at++ >= flat.length) return false;
    }
    return true;
  }

  /* The fetched top results again: the query as a phrase of a title first, then titles with
     the query's words in its order (a reader recalls a title's words in order), else as ranked. */
  function phraseFirst(entries, rows, terms) {
    var flagged = entries.map(function (entry, i) {
      var row = rows[i], titles = row ? [row[2], row[3]] : [];
      return { entry: entry, row: row, i: i,
               phrase: titles.some(function (t) { return isPhrase(t, terms); }),
               order: titles.some(function (t) { return inOrder(t, terms); }) };
    });
    flagged.sort(function (a, b) { return (b.phrase - a.phrase) || (b.order - a.order) || a.i - b.i; });
    return flagged;
  }
  /* -------------------------------------------------- hand-written pages */

  function LocalDocs(docs) {
    var articles = new Map();
    this.docs = (docs || []).map(function (doc) {
      var title = plainText(doc.title), text = plainText(doc.text);
      var tokens = new Map();
      tokenize(text).forEach(function (t) { tokens.set(t, LEVEL_TLDR); }); // as a paper's TL;DR
      tokenize(title).forEach(function (t) { tokens.set(t, LEVEL_TITLE); });
      var path = String(doc.location).split("#")[0];
      var entry = { location: String(doc.location), title: title, text: text, tokens: tokens, parent: null };
      if (!articles.has(path)) articles.set(path, entry);
      else entry.parent = articles.get(path);
      return entry;
    });
  }

  LocalDocs.prototype.search = function (terms) {
    var out = [];
    this.docs.forEach(function (doc) {
      var maps = terms.map(function (term) {
        var best = null;
        term.tokens.forEach(function (token, i) {
          var hit = null;
          doc.tokens.forEach(function (level, key) {
            var ok = term.prefix ? key.slice(0, token.length) === token : key === token;
            if (ok && (!hit || level > hit.level)) hit = { level: level, exact: key === token };
          });
          if (i === 0) best = hit;
          else if (!hit) best = null;
          else if (best) best = { level: Math.min(best.level, hit.level), exact: best.exact && hit.exact };
        });
        return best;
      });
      var score = 0, matched = [];
      maps.forEach(function (hit, t) {
        if (hit) { score += hitScore(hit); matched.push(t); }
      });
      if (matched.length) out.push({ doc: doc, score: score, matched: matched });
    });
    return out;
  };

  /* ---------------------------------------------------------------- search */

  function termFlags(terms, matched) {
    var flags = {};
    terms.forEach(function (term, t) { flags[term.key] = matched.indexOf(t) >= 0; });
    return flags;
  }

  function hasCjk(terms) {
    return terms.some(function (t) { return !t.author && isCjkChar(chars(t.key)[0]); });
  }

  function hasLetters(terms) {
    return terms.some(function (t) { return /\p{L}/u.test(t.key) && !isCjkChar(chars(t.key)[0]); });
  }

  /* The terms as highlight() marks them: an author term as the name it stands for. */
  function marked(terms, matched) {
    return (matched || terms.map(function (t, i) { return i; })).map(function (i) {
      var t = terms[i];
      return t.author ? { key: t.key.slice(1), tokens: t.tokens, prefix: false } : t;
    });
  }

  function paperItem(row, manifest, terms, entry) {
    // row: [page, anchor, title_en, title_zh, text_en, text_zh, authors, arxiv_id]
    var zhFirst = hasCjk(terms) || (!hasLetters(terms) && manifest.lang !== "en");
    var title = zhFirst ? row[3] || row[2] : row[2] || row[3];
    var other = zhFirst ? row[2] : row[3];
    var text = zhFirst ? row[5] || row[4] : row[4] || row[5];
    var matchedTerms = marked(terms, entry.matched);
    var html = "";
    if (other && other !== title) html += "<p>" + highlight(other, matchedTerms) + "</p>";
    if (text) html += "<p>" + highlight(text, matchedTerms) + "</p>";
    var authors = highlight(row[6], matchedTerms);
    if (row[6] && authors.indexOf("<mark>") >= 0) html += "<p>" + authors + "</p>";
    if (row[7]) {
      var id = highlight("arXiv:" + row[7], matchedTerms);
      if (id.indexOf("<mark>") >= 0) html += "<p>" + id + "</p>";
    }
    var page = manifest.pages[row[0]] || ["", ""];
    return {
      location: page[0] + "#" + row[1],
      title: highlight(title, matchedTerms),
      text: html,
      score: entry.score,
      terms: termFlags(terms, entry.matched),
      page: page
    };
  }

  function localItem(found, terms) {
    var matchedTerms = found.matched.map(function (t) { return terms[t]; });
    return {
      location: found.doc.location,
      title: highlight(found.doc.title, matchedTerms),
      text: found.doc.text ? "<p>" + highlight(excerpt(found.doc.text, matchedTerms, 240), matchedTerms) + "</p>" : "",
      score: found.score,
      terms: termFlags(terms, found.matched)
    };
  }

  function suggestion(terms, rows) {
    var last = terms[terms.length - 1];
    if (!last || !last.prefix || !rows.length) return [];
    var words = tokenize(rows[0][2] + " " + rows[0][3]);
    for (var i = 0; i < words.length; i++) {
      if (words[i] !== last.key && words[i].slice(0, last.key.length) === last.key) return [words[i]];
    }
    return [];
  }

  /* The link to the results page at the top of the search box: both languages, the page's
     language toggle shows one (digest.css). */
  function allResultsItem(query, total) {
    var zh = "查看全部 " + total + " 篇论文 →", en = "All " + total + " papers →";
    return {
      location: "search/?q=" + encodeURIComponent(query),
      title: '<span class="rd-zh" lang="zh">' + zh + '</span> <span class="rd-en" lang="en">' + en + "</span>",
      text: "", score: Infinity, terms: {}
    };
  }

  function Engine(data, fetcher, location) {
    this.options = (data && data.options) || {};
    this.local = new LocalDocs(data && data.docs);
    var params = new URL(location).searchParams;
    var base = new URL(params.get("index") || "../../search/digest/", location);
    this.papers = new PaperIndex(base.href, params.get("v") || "", fetcher);
    this.papers.manifest.catch(function (e) { if (typeof console !== "undefined") console.warn(e); });
    this.last = null;
  }

  /* Every paper the query matches, ranked (the last query's answer is kept: the results page
     pages through it). */
  Engine.prototype.matches = function (query) {
    if (this.last && this.last.query === query) return this.last.promise;
    var self = this, terms = parseQuery(query);
    var promise = this.papers.manifest.then(function (manifest) {
      if (!terms.length) return { manifest: manifest, terms: terms, list: [], complete: true };
      return Promise.all(terms.map(function (t) { return self.papers.term(manifest, t); })).then(function (maps) {
        var ranked = rank(maps, terms, manifest);
        return { manifest: manifest, terms: terms, list: ranked.list, complete: ranked.complete };
      });
    });
    this.last = { query: query, promise: promise };
    return promise;
  };

  /* The display rows of ranked entries, in their order (undefined where a chunk is missing). */
  Engine.prototype.rows = function (manifest, entries) {
    var self = this;
    return Promise.all(entries.map(function (e) {
      return self.papers.chunk(Math.floor(e.doc / manifest.chunk)).then(function (rows) {
        return (rows || [])[e.doc % manifest.chunk];
      });
    }));
  };

  Engine.prototype.search = function (query) {
    var self = this;
    var terms = parseQuery(query);
    if (!terms.length) return Promise.resolve({ items: [] });
    var localFound = this.local.search(terms);
    return this.matches(query).then(function (found) {
      var top = found.list.slice(0, BOX_RESULTS);
      return self.rows(found.manifest, top).then(function (rows) {
        var items = [], shown = [];
        phraseFirst(top, rows, terms).forEach(function (o) {
          if (!o.row) return;
          shown.push(o.row);
          items.push(paperItem(o.row, found.manifest, terms, o.entry));
        });
        return { items: items, rows: shown, total: found.complete ? found.list.length : 0 };
      });
    }, function () {
      return { items: [], rows: [], total: 0 };
    }).then(function (found) {
      return self.answer(terms, found.items, found.rows, localFound, query, found.total);
    });
  };

  /* Material's result: groups of [items of one page..., the page's own item], best first. */
  Engine.prototype.answer = function (terms, paperItems, rows, localFound, query, total) {
    var complete = function (e) { return e.matched.length === terms.length; };
    var paperComplete = paperItems.length && paperItems[0].terms && Object.keys(paperItems[0].terms)
      .every(function (k) { return paperItems[0].terms[k]; });
    if (localFound.some(complete) || paperComplete) localFound = localFound.filter(complete);
    var groups = new Map();
    function add(ref, item, article) {
      var group = groups.get(ref);
      if (!group) groups.set(ref, group = { best: item.score, items: [], article: article });
      group.best = Math.max(group.best, item.score);
      if (item.location === ref) group.article = null; // the page itself matched
      group.items.push(item);
    }
    var ceiling = Infinity;
    paperItems.forEach(function (item) {
      item.score = ceiling = Math.min(item.score, ceiling); // groups keep the papers' rank order
      var page = item.page;
      delete item.page;
      add(page[0], item, { location: page[0], title: escapeHTML(page[1]), text: "", score: 0, terms: {} });
    });
    localFound.forEach(function (found) {
      var item = localItem(found, terms);
      var parent = found.doc.parent || found.doc;
      add(parent.location, item, { location: parent.location, title: escapeHTML(parent.title), text: "", score: 0, terms: {} });
    });
    var ordered = Array.from(groups.values()).sort(function (a, b) { return b.best - a.best; });
    var items = ordered.map(function (group) {
      group.items.sort(function (a, b) { return b.score - a.score; });
      return group.article ? group.items.concat([group.article]) : group.items;
    });
    if (total > paperItems.length && query) items.unshift([allResultsItem(query, total)]);
    var result = { items: items, total: total || 0 };
    if (this.options.suggest) result.suggest = suggestion(terms, rows);
    return result;
  };

  /* ------------------------------------------------------- the results page */

  function epochDay(iso) {
    var t = Date.parse(String(iso || "") + "T00:00:00Z");
    return isNaN(t) ? null : Math.round(t / 86400000);
  }

  function isoDay(day) {
    return day === null || day === undefined || day < 0 ? "" : new Date(day * 86400000).toISOString().slice(0, 10);
  }

  /* Does paper `doc` pass the request's filters (date range, topic, venue, has code)? */
  function passes(doc, meta, request) {
    if (!meta) return true;
    var day = meta.days[doc], from = epochDay(request.from), to = epochDay(request.to);
    if (from !== null && !(day >= from)) return false;
    if (to !== null && !(day >= 0 && day <= to)) return false;
    if (request.topic) {
      var topic = meta.topicNames.findIndex(function (t) { return t[0] === request.topic; });
      if ((meta.topics[doc] || []).indexOf(topic) < 0) return false;
    }
    if (request.venue && (meta.venueNames[meta.venues[doc]] || "") !== request.venue) return false;
    if (request.code && !meta.code[doc]) return false;
    return true;
  }

  /* The snippet: the TL;DR or abstract text where the query matched, marked, in the reader's
     language when it matched there. */
  function snippet(texts, terms, lang) {
    var order = lang === "en" ? ["en", "zh"] : ["zh", "en"];
    var marks = marked(terms);
    for (var i = 0; i < texts.length; i++) {
      for (var j = 0; j < 2; j++) {
        var text = texts[i][order[j]];
        if (!text) continue;
        var html = highlight(excerpt(text, marks, 260), marks);
        if (html.indexOf("<mark>") >= 0) return { html: html, lang: order[j] };
      }
    }
    var first = texts[0] || {};
    var fallback = first[order[0]] || first[order[1]] || "";
    return fallback ? { html: escapeHTML(excerpt(fallback, marks, 260)), lang: first[order[0]] ? order[0] : order[1] } : null;
  }

  Engine.prototype.result = function (manifest, meta, terms, entry, row) {
    if (!row) return Promise.resolve(null);
    var page = manifest.pages[row[0]] || ["", ""];
    var marks = marked(terms, entry.matched);
    var lowest = Math.min.apply(null, Object.keys(entry.levels).map(function (t) { return entry.levels[t]; }));
    var needAbstract = lowest === 0 && highlight(row[4] + " " + row[5], marks).indexOf("<mark>") < 0;
    var abstracts = needAbstract ? this.papers.texts(Math.floor(entry.doc / manifest.textChunk)) : Promise.resolve([]);
    return abstracts.then(function (chunk) {
      var full = (chunk || [])[entry.doc % manifest.textChunk] || [];
      var texts = [{ en: row[4], zh: row[5] }, { en: full[0] || "", zh: full[1] || "" }];
      var topics = meta ? (meta.topics[entry.doc] || []).map(function (i) { return meta.topicNames[i]; }).filter(Boolean) : [];
      return {
        location: page[0] + "#" + row[1],
        titleEn: highlight(row[2], marks), titleZh: highlight(row[3], marks),
        authors: String(row[6] || ""), marks: marks.map(function (t) { return t.key; }),
        arxiv: row[7] || "",
        date: meta ? isoDay(meta.days[entry.doc]) : "",
        topics: topics.map(function (t) { return { key: t[0], zh: t[1], en: t[2], url: t[3] }; }),
        venue: meta ? meta.venueNames[meta.venues[entry.doc]] || "" : "",
        code: meta ? !!meta.code[entry.doc] : false,
        snippet: snippet(texts.slice(needAbstract ? 1 : 0), marks, null)
      };
    });
  };

  /* One page of the results page: {q, offset, count, sort, from, to, topic, venue, code}. */
  Engine.prototype.page = function (request) {
    var self = this, query = String(request.q || "");
    return Promise.all([this.matches(query), this.papers.meta()]).then(function (both) {
      var found = both[0], meta = both[1], terms = found.terms;
      var all = found.complete ? found.list : [];
      var list = all.filter(function (e) { return passes(e.doc, meta, request); });
      if (request.sort === "newest") list = list.slice().sort(function (a, b) { return b.doc - a.doc; });
      var offset = Math.max(0, request.offset | 0), count = request.count || PAGE_RESULTS;
      var slice = list.slice(offset, offset + count);
      return self.rows(found.manifest, slice).then(function (rows) {
        var ordered = request.sort === "newest" ? slice.map(function (e, i) { return { entry: e, row: rows[i] }; })
          : phraseFirst(slice, rows, terms);
        return Promise.all(ordered.map(function (o) { return self.result(found.manifest, meta, terms, o.entry, o.row); }));
      }).then(function (results) {
        return {
          q: query, total: all.length, count: list.length, offset: offset,
          results: results.filter(Boolean),
          topics: meta ? meta.topicNames.map(function (t) { return { key: t[0], zh: t[1], en: t[2] }; }) : [],
          venues: meta ? meta.venueNames : []
        };
      });
    });
  };

  /* Every paper with all the query's words (stop words optional beside others) in fields of at
     least `level` (3: titles and authors, search_tokens.LEVEL_*), by doc number: the text filter
     of a listing (reader.js) keeps those of its own papers. */
  Engine.prototype.docs = function (query, level) {
    return this.matches(query).then(function (found) {
      if (!found.complete) return [];
      var required = found.terms.map(function (t) { return !isStop(t, found.manifest); });
      if (!required.some(Boolean)) required = found.terms.map(function () { return true; });
      return found.list.filter(function (e) {
        return required.every(function (needed, t) { return !needed || e.levels[t] >= level; });
      }).map(function (e) { return e.doc; });
    });
  };

  /* ---------------------------------------------------------------- worker */

  /* The index's files are stored gzip-compressed (manifest "gz"): a static host sends them as
   * they are and they are inflated here; a host that declares Content-Encoding: gzip has had the
   * browser inflate them already, so what arrives is read by its first bytes. */
  function parseBytes(buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes.length > 1 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).text().then(JSON.parse);
    }
    return Promise.resolve(JSON.parse(new TextDecoder().decode(bytes)));
  }

  function fetchJSON(url, revalidate) {
    return fetch(url, { credentials: "same-origin", cache: revalidate ? "no-cache" : "default" }).then(function (response) {
      if (!response.ok) throw new Error("research-digest: " + response.status + " " + url);
      return response.arrayBuffer();
    }).then(parseBytes);
  }

  var api = {
    tokenize: tokenize,
    parseQuery: parseQuery,
    shardOf: shardOf,
    highlight: highlight,
    escapeHTML: escapeHTML,
    isPhrase: isPhrase,
    parseBytes: parseBytes,
    fetchJSON: fetchJSON,
    Engine: Engine
  };

  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }

  var engine = null;
  var latest = 0;
  var queue = Promise.resolve();

  self.addEventListener("message", function (ev) {
    var message = ev.data || {};
    if (message.type === SETUP) {
      engine = new Engine(message.data, fetchJSON, self.location.href);
      self.postMessage({ type: READY });
    } else if (message.type === QUERY) {
      var seq = ++latest;
      queue = queue.then(function () {
        if (seq !== latest || !engine) return null; // a newer query is waiting: skip this one
        return engine.search(String(message.data || "")).then(function (data) {
          if (seq === latest) self.postMessage({ type: RESULT, data: data });
        });
      }).catch(function (error) {
        if (typeof console !== "undefined") console.warn("research-digest search:", error);
        if (seq === latest) self.postMessage({ type: RESULT, data: { items: [] } });
      });
    } else if (message.type === PAGE) {
      if (!engine) engine = new Engine({ docs: [] }, fetchJSON, self.location.href);
      var request = message.data || {};
      engine.page(request).then(function (data) {
        self.postMessage({ type: PAGE_RESULT, id: request.id, data: data });
      }, function (error) {
        if (typeof console !== "undefined") console.warn("research-digest search:", error);
        self.postMessage({ type: PAGE_RESULT, id: request.id, data: { error: String(error), results: [], total: 0, count: 0 } });
      });
    } else if (message.type === FILTER) {
      if (!engine) engine = new Engine({ docs: [] }, fetchJSON, self.location.href);
      var asked = message.data || {};
      engine.docs(String(asked.q || ""), asked.level | 0).then(function (docs) {
        self.postMessage({ type: FILTER_RESULT, id: asked.id, data: { docs: docs } });
      }, function (error) {
        self.postMessage({ type: FILTER_RESULT, id: asked.id, data: { error: String(error), docs: [] } });
      });
    }
  });
})();
