/* research-digest search worker (plain ES2017, no dependencies).
 *
 * A drop-in for Material's search worker (same messages: SETUP -> READY, QUERY -> RESULT) for
 * the sharded index that search_index.py writes: Material keeps its search box, result list,
 * highlighting and suggestions; this worker answers from the small files a query needs.
 *
 * - SETUP: keeps Material's docs (hand-written pages only, searched here directly) and starts
 *   fetching the manifest of the paper index (URL from this script's ?index=, version ?v=).
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
  var MAX_RESULTS = 20; // papers per answer: only their display chunks are fetched
  var MAX_PREFIX_SHARDS = 2; // shards read to complete a word prefix
  var MAX_TOKEN = 40;
  var WEIGHT = [1, 2, 4, 16]; // by level: text, author/venue, title, arXiv id
  var CJK = "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\u{20000}-\\u{3ffff}";
  var WORD = new RegExp("[\\p{L}\\p{N}_]+", "gu"); // Python's \w
  var CJK_SPLIT = new RegExp("([" + CJK + "]+)", "u");
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

  /* Index tokens of a text: the same list as search_index.tokens (order of first occurrence). */
  function tokenize(text) {
    var raw = String(text || "");
    var normal = isAscii(raw) ? raw.toLowerCase() : normalize(raw);
    var seen = new Set();
    var ps = pieces(normal);
    for (var i = 0; i < ps.length; i++) {
      if (ps[i].cjk) bigrams(ps[i].text).forEach(function (b) { seen.add(b); });
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
     matched as a prefix; a CJK run by its bigrams (all of them), a lone CJK character as the
     prefix of the bigrams that start with it. */
  function parseQuery(query) {
    var normal = normalize(query);
    var terms = [];
    var rest = normal.replace(QUERY_ID, function (all, before, id) {
      terms.push({ key: id, tokens: [id], prefix: true });
      return before + " ";
    });
    var ps = pieces(rest);
    for (var i = 0; i < ps.length; i++) {
      var text = ps[i].text, n = chars(text).length;
      if (ps[i].cjk) {
        if (n === 1) terms.push({ key: text, tokens: [text], prefix: true });
        else terms.push({ key: text, tokens: bigrams(text).slice(0, n - 1), prefix: false });
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
    this.shards = new Map(); // shard number -> Promise<object>
    this.chunks = new Map(); // chunk number -> Promise<array>
    this.manifest = this.load("manifest.json").then(function (m) {
      if (!m || !Array.isArray(m.shards)) throw new Error("research-digest: bad search manifest");
      return m;
    });
  }

  PaperIndex.prototype.load = function (name) {
    var url = new URL(name + (this.version ? "?v=" + encodeURIComponent(this.version) : ""), this.base);
    return this.fetcher(url.href);
  };

  PaperIndex.prototype.shard = function (i) {
    if (!this.shards.has(i)) {
      this.shards.set(i, this.load("s/" + i + ".json").catch(function () { return {}; }));
    }
    return this.shards.get(i);
  };

  PaperIndex.prototype.chunk = function (i) {
    if (!this.chunks.has(i)) {
      this.chunks.set(i, this.load("d/" + i + ".json").catch(function () { return []; }));
    }
    return this.chunks.get(i);
  };

  /* Map doc number -> {level, exact} for one query token (exact, or as a prefix). */
  PaperIndex.prototype.lookup = function (manifest, token, prefix) {
    var self = this;
    var numbers = shardsFor(token, prefix, manifest.shards);
    return Promise.all(numbers.map(function (i) { return self.shard(i); })).then(function (shards) {
      var hits = new Map();
      shards.forEach(function (shard) {
        var keys = prefix ? Object.keys(shard) : (Object.prototype.hasOwnProperty.call(shard, token) ? [token] : []);
        keys.forEach(function (key) {
          if (prefix ? key.slice(0, token.length) !== token : key !== token) return;
          var exact = key === token, postings = shard[key], doc = 0;
          for (var p = 0; p < postings.length; p++) {
            doc += postings[p] >> 2;
            var level = postings[p] & 3, old = hits.get(doc);
            if (!old || old.level < level || (old.level === level && exact && !old.exact)) {
              hits.set(doc, { level: level, exact: exact || (old ? old.exact : false) });
            }
          }
        });
      });
      return hits;
    });
  };

  /* Map doc number -> {level, exact} for a term (all its tokens: a CJK run needs every bigram). */
  PaperIndex.prototype.term = function (manifest, term) {
    var self = this;
    return Promise.all(term.tokens.map(function (t) { return self.lookup(manifest, t, term.prefix); }))
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

  /* Score terms' hit maps: all terms (AND), else as many as possible (OR), best first. */
  function rank(maps, limit) {
    var scores = new Map();
    maps.forEach(function (map, t) {
      map.forEach(function (hit, doc) {
        var entry = scores.get(doc);
        if (!entry) scores.set(doc, entry = { doc: doc, score: 0, matched: [] });
        entry.score += WEIGHT[hit.level] * (hit.exact ? 2 : 1);
        entry.matched.push(t);
      });
    });
    var all = Array.from(scores.values());
    var complete = all.filter(function (e) { return e.matched.length === maps.length; });
    var list = complete.length ? complete : all;
    list.sort(function (a, b) {
      return b.matched.length - a.matched.length || b.score - a.score || b.doc - a.doc;  /* newer papers have higher numbers */
    });
    return list.slice(0, limit);
  }

  /* -------------------------------------------------- hand-written pages */

  function LocalDocs(docs) {
    var articles = new Map();
    this.docs = (docs || []).map(function (doc) {
      var title = plainText(doc.title), text = plainText(doc.text);
      var tokens = new Map();
      tokenize(text).forEach(function (t) { tokens.set(t, 0); });
      tokenize(title).forEach(function (t) { tokens.set(t, 2); });
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
        if (hit) { score += WEIGHT[hit.level] * (hit.exact ? 2 : 1); matched.push(t); }
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
    return terms.some(function (t) { return isCjkChar(chars(t.key)[0]); });
  }

  function hasLetters(terms) {
    return terms.some(function (t) { return /\p{L}/u.test(t.key) && !isCjkChar(chars(t.key)[0]); });
  }

  function paperItem(row, manifest, terms, entry) {
    // row: [page, anchor, title_en, title_zh, text_en, text_zh, authors, arxiv_id]
    var zhFirst = hasCjk(terms) || (!hasLetters(terms) && manifest.lang !== "en");
    var title = zhFirst ? row[3] || row[2] : row[2] || row[3];
    var other = zhFirst ? row[2] : row[3];
    var text = zhFirst ? row[5] || row[4] : row[4] || row[5];
    var matchedTerms = entry.matched.map(function (t) { return terms[t]; });
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

  function Engine(data, fetcher, location) {
    this.options = (data && data.options) || {};
    this.local = new LocalDocs(data && data.docs);
    var params = new URL(location).searchParams;
    var base = new URL(params.get("index") || "../../search/digest/", location);
    this.papers = new PaperIndex(base.href, params.get("v") || "", fetcher);
    this.papers.manifest.catch(function (e) { if (typeof console !== "undefined") console.warn(e); });
  }

  Engine.prototype.search = function (query) {
    var self = this;
    var terms = parseQuery(query);
    if (!terms.length) return Promise.resolve({ items: [] });
    var localFound = this.local.search(terms);
    return this.papers.manifest.then(function (manifest) {
      return Promise.all(terms.map(function (t) { return self.papers.term(manifest, t); }))
        .then(function (maps) {
          var best = rank(maps, MAX_RESULTS);
          var need = Array.from(new Set(best.map(function (e) { return Math.floor(e.doc / manifest.chunk); })));
          return Promise.all(need.map(function (c) { return self.papers.chunk(c); })).then(function (chunks) {
            var byChunk = new Map();
            need.forEach(function (c, i) { byChunk.set(c, chunks[i]); });
            var rows = [];
            var items = [];
            best.forEach(function (entry) {
              var row = (byChunk.get(Math.floor(entry.doc / manifest.chunk)) || [])[entry.doc % manifest.chunk];
              if (!row) return;
              rows.push(row);
              items.push(paperItem(row, manifest, terms, entry));
            });
            return { manifest: manifest, items: items, rows: rows };
          });
        });
    }, function () {
      return { manifest: null, items: [], rows: [] };
    }).then(function (found) {
      return self.answer(terms, found.items, found.rows, localFound);
    });
  };

  /* Material's result: groups of [items of one page..., the page's own item], best first. */
  Engine.prototype.answer = function (terms, paperItems, rows, localFound) {
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
    paperItems.forEach(function (item) {
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
    var result = { items: items };
    if (this.options.suggest) result.suggest = suggestion(terms, rows);
    return result;
  };

  /* ---------------------------------------------------------------- worker */

  function fetchJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("research-digest: " + response.status + " " + url);
      return response.json();
    });
  }

  var api = {
    tokenize: tokenize,
    parseQuery: parseQuery,
    shardOf: shardOf,
    highlight: highlight,
    escapeHTML: escapeHTML,
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
    }
  });
})();
