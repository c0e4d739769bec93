/* research-digest: the search results page (search/?q=...) and the way to it from the search box.
 *
 * - On every page: Enter in Material's search box (no result chosen) opens the results page.
 * - On the results page (#rd-search): asks search-worker.js (its PAGE message) for one page of
 *   every match, with the filters and sort in the URL (shareable; back and forward work), and
 *   shows them: title in the reader's language (the other under it in 双语), authors (each a link
 *   to that author's papers), date, topics, venue, a snippet with the query's words marked.
 * - Strings come in both languages (rd-zh / rd-en spans); the language toggle shows one.
 * Everything from the index is escaped by the worker (titles, snippets) or here (the rest).
 */
(function () {
  "use strict";

  var PAGE = 100, PAGE_RESULT = 101, PER_PAGE = 20;
  var script = document.currentScript && document.currentScript.src;
  if (!script) return;
  var ROOT = new URL("../../", script); // the site root: this script is in assets/research-digest/
  var FILTERS = ["from", "to", "topic", "venue", "code", "sort"];

  function escapeHTML(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Both languages, the toggle shows one; `zh`, `en` are HTML already. */
  function bi(zh, en) {
    if (!zh || !en) return "<span>" + (zh || en || "") + "</span>";
    return '<span class="rd-zh" lang="zh">' + zh + '</span><span class="rd-en" lang="en">' + en + "</span>";
  }

  function lang() {
    return document.documentElement.getAttribute("data-rd-lang") || "both";
  }

  function resultsUrl(params) {
    var url = new URL("search/", ROOT);
    url.search = params.toString();
    return url;
  }

  function authorQuery(name) {
    return 'author:"' + String(name).replace(/"/g, "") + '"';
  }

  /* ------------------------------------------------------------- the search box */

  function onSearchKey(event) {
    var box = event.target;
    if (event.key !== "Enter" || !box || !box.matches || !box.matches("input.md-search__input")) return;
    var query = box.value.trim();
    var focused = document.querySelector(".md-search-result__link:focus, .md-search-result__link--active");
    if (!query || focused || !digestSearch()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    location.href = resultsUrl(new URLSearchParams({ q: query })).href;
  }

  /* ----------------------------------------------------------- the results page */

  var worker = null, requests = 0, page = null;

  function searchConfig() {
    try { return String(JSON.parse(document.getElementById("__config").textContent).search || ""); } catch (e) { return ""; }
  }

  /* Is the search box answered by the digest's index (not `search: material`)? */
  function digestSearch() {
    return searchConfig().indexOf("search-worker.js") >= 0;
  }

  function workerUrl() {
    var query = searchConfig().split("?")[1] || "";
    return new URL("search-worker.js" + (query ? "?" + query : ""), script).href;
  }

  function ask(request) {
    if (!worker) {
      worker = new Worker(workerUrl());
      worker.addEventListener("message", function (event) {
        var message = event.data || {};
        if (message.type === PAGE_RESULT && page && message.id === page.waiting) page.show(message.data);
      });
    }
    request.id = ++requests;
    worker.postMessage({ type: PAGE, data: request });
    return request.id;
  }

  function Page(root) {
    this.root = root;
    this.form = root.querySelector(".rd-search__form");
    this.status = root.querySelector(".rd-search__status");
    this.list = root.querySelector(".rd-search__results");
    this.pages = root.querySelector(".rd-search__pages");
    this.waiting = 0;
    this.options = null;
    var self = this;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.go(self.fromForm(), true);
    });
    this.form.addEventListener("change", function (event) {
      if (event.target.name !== "q") self.go(self.fromForm(), true);
    });
    this.pages.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-page]");
      if (!link) return;
      event.preventDefault();
      var params = self.params();
      params.set("page", link.getAttribute("data-page"));
      self.go(params, true);
      self.root.scrollIntoView();
    });
  }

  Page.prototype.params = function () {
    return new URLSearchParams(location.search);
  };

  Page.prototype.fromForm = function () {
    var params = new URLSearchParams();
    var data = new FormData(this.form);
    ["q"].concat(FILTERS).forEach(function (name) {
      var value = String(data.get(name) || "").trim();
      if (value) params.set(name, value);
    });
    return params;
  };

  Page.prototype.fill = function (params) {
    var form = this.form;
    form.elements.q.value = params.get("q") || "";
    ["from", "to", "topic", "venue", "sort"].forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name) || "";
      if (field.tagName === "SELECT" && value && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) {
        var option = document.createElement("option");
        option.value = option.textContent = value;
        field.appendChild(option);
      }
      field.value = value;
    });
    form.elements.code.checked = params.get("code") === "1";
  };

  Page.prototype.go = function (params, push) {
    if (push) history.pushState(null, "", resultsUrl(params).href);
    this.url = location.href;
    this.fill(params);
    var query = params.get("q") || "";
    if (!query.trim()) {
      this.list.innerHTML = this.pages.innerHTML = "";
      this.status.innerHTML = bi("输入要查找的词：标题、作者、摘要或 arXiv 编号。",
                                 "Type what to look for: a title, an author, a word of an abstract or an arXiv id.");
      return;
    }
    var number = Math.max(1, parseInt(params.get("page"), 10) || 1);
    var request = { q: query, offset: (number - 1) * PER_PAGE, count: PER_PAGE, lang: lang() };
    FILTERS.forEach(function (name) { if (params.get(name)) request[name] = params.get(name); });
    request.code = params.get("code") === "1";
    this.number = number;
    this.status.innerHTML = bi("正在搜索…", "Searching…");
    this.waiting = ask(request);
  };

  Page.prototype.show = function (data) {
    this.root.setAttribute("data-count", String(data.count || 0));
    this.root.setAttribute("data-total", String(data.total || 0));
    this.options = data;
    this.fillOptions();
    var filtered = data.count !== data.total;
    if (data.error || !data.count) {
      this.status.innerHTML = data.total && filtered
        ? bi(data.total + " 篇论文匹配，但没有符合筛选条件的。", data.total + " papers match, none with these filters.")
        : bi("没有找到匹配的论文。", "No papers found.");
    } else {
      var first = data.offset + 1, last = data.offset + data.results.length;
      this.status.innerHTML = bi(
        "共 <strong>" + data.count + "</strong> 篇论文" + (filtered ? "（筛选自 " + data.total + " 篇）" : "") + "，第 " + first + "–" + last + " 篇",
        "<strong>" + data.count + "</strong> papers" + (filtered ? " (of " + data.total + " matching)" : "") + ", " + first + "–" + last);
    }
    this.list.setAttribute("start", String(data.offset + 1));
    this.list.innerHTML = data.results.map(hitHTML).join("");
    this.pages.innerHTML = pagesHTML(this.number, Math.ceil((data.count || 0) / PER_PAGE));
  };

  /* The topic and venue choices, in the reader's language (a select's options hold text only). */
  Page.prototype.fillOptions = function () {
    var en = lang() === "en", form = this.form, params = this.params();
    Array.prototype.forEach.call(form.elements.sort.options, function (option) {
      var zh = option.getAttribute("data-zh"), english = option.getAttribute("data-en");
      option.textContent = en ? english : lang() === "zh" ? zh : zh + " / " + english;
    });
    var box = form.elements.q;
    box.setAttribute("placeholder", box.getAttribute(en ? "data-placeholder-en" : "data-placeholder-zh"));
    if (!this.options) { // before the first answer: the "all" choices only
      [form.elements.topic, form.elements.venue].forEach(function (select) {
        select.options[0].textContent = select.getAttribute(en ? "data-all-en" : "data-all-zh");
      });
      return;
    }
    function refill(select, items) {
      var all = select.getAttribute(en ? "data-all-en" : "data-all-zh");
      select.innerHTML = '<option value="">' + escapeHTML(all) + "</option>" + items.map(function (item) {
        return '<option value="' + escapeHTML(item.value) + '">' + escapeHTML(item.text) + "</option>";
      }).join("");
    }
    refill(form.elements.topic, (this.options.topics || []).map(function (t) {
      return { value: t.key, text: en ? t.en || t.zh : lang() === "zh" ? t.zh || t.en : t.zh + " " + t.en };
    }));
    refill(form.elements.venue, (this.options.venues || []).map(function (v) { return { value: v, text: v }; }));
    this.fill(params);
  };

  function hitHTML(hit) {
    var href = new URL(hit.location, ROOT).href;
    var authors = hit.authors ? hit.authors.split(", ").map(function (name) {
      if (name === "…") return name;
      var url = resultsUrl(new URLSearchParams({ q: authorQuery(name) })).href;
      return '<a class="rd-author" href="' + escapeHTML(url) + '">' + markAuthor(name, hit.marks) + "</a>";
    }).join(", ") : "";
    var topics = (hit.topics || []).map(function (t) {
      return '<a class="rd-topic" href="' + escapeHTML(new URL(t.url, ROOT).href) + '">' + bi(escapeHTML(t.zh), escapeHTML(t.en)) + "</a>";
    }).join(" ");
    var meta = (hit.date ? '<span class="rd-date">' + escapeHTML(hit.date) + "</span> " : "") +
      (hit.arxiv ? '<span class="rd-badge rd-badge--arxiv">arXiv:' + escapeHTML(hit.arxiv) + "</span> " : "") +
      (hit.venue ? '<span class="rd-badge rd-badge--venue">' + escapeHTML(hit.venue) + "</span> " : "") +
      (hit.code ? '<span class="rd-badge rd-badge--code">' + bi("有代码", "Code") + "</span> " : "") + topics;
    var snippet = hit.snippet ? '<p class="rd-search-hit__snippet" lang="' + hit.snippet.lang + '">' + hit.snippet.html + "</p>" : "";
    return '<li class="rd-search-hit"><a class="rd-search-hit__title" href="' + escapeHTML(href) + '">' +
      bi(hit.titleZh, hit.titleEn) + "</a>" +
      (authors ? '<div class="rd-search-hit__authors">' + authors + "</div>" : "") +
      '<div class="rd-search-hit__meta">' + meta + "</div>" + snippet + "</li>";
  }

  function markAuthor(name, marks) {
    var lower = name.toLowerCase(), whole = (marks || []).indexOf(lower) >= 0;
    return whole ? "<mark>" + escapeHTML(name) + "</mark>" : escapeHTML(name);
  }

  function pagesHTML(number, count) {
    if (count <= 1) return "";
    var out = [];
    function link(n, text, rel) {
      out.push('<a class="rd-search__page' + (n === number ? " rd-search__page--current" : "") + '" href="?page=' + n +
        '" data-page="' + n + '"' + (rel ? ' rel="' + rel + '"' : "") + (n === number ? ' aria-current="page"' : "") + ">" + text + "</a>");
    }
    if (number > 1) link(number - 1, bi("上一页", "Previous"), "prev");
    for (var n = 1; n <= count; n++) {
      if (n === 1 || n === count || Math.abs(n - number) <= 2) link(n, String(n));
      else if (out[out.length - 1] !== "…") out.push("…");
    }
    if (number < count) link(number + 1, bi("下一页", "Next"), "next");
    return out.join(" ");
  }

  /* ---------------------------------------------------------------- start */

  /* Material opens its search box for a page URL with ?q= and, once the box closes, takes q out
     of the URL: on the results page the box stays closed and the URL keeps the query. */
  function keepQuery() {
    var toggle = document.getElementById("__search");
    if (!toggle || toggle.getAttribute("data-rd-kept")) return;
    toggle.setAttribute("data-rd-kept", "1");
    toggle.addEventListener("change", function () {
      if (toggle.checked || !page || document.getElementById("rd-search") !== page.root) return;
      var url = page.url;
      setTimeout(function () { if (url && location.href !== url) history.replaceState(history.state, "", url); }, 0);
    });
  }

  function closeSearchBox() {
    var toggle = document.getElementById("__search");
    if (!toggle || !toggle.checked) return;
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  }

  function start() {
    var root = document.getElementById("rd-search");
    keepQuery();
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    if (!digestSearch()) { // search: material: its own box, opened by Material for ?q=, answers
      root.querySelector(".rd-search__status").innerHTML = bi("本站使用 Material 的搜索：请用页面顶部的搜索框。",
                                                               "This site uses Material's search: use the search box at the top.");
      return;
    }
    page = new Page(root);
    page.url = location.href;
    var params = page.params();
    closeSearchBox();
    page.go(params, false);
    page.fillOptions();
  }

  document.addEventListener("keydown", onSearchKey, true);
  window.addEventListener("popstate", function () {
    if (page && document.getElementById("rd-search") === page.root) page.go(page.params(), false);
  });
  new MutationObserver(function () { if (page) page.fillOptions(); })
    .observe(document.documentElement, { attributes: true, attributeFilter: ["data-rd-lang"] });
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
