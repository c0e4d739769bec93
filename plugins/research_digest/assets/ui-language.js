/* research-digest: the theme's own words follow the language toggle (plain ES2017).
 *
 * Material prints its labels, tooltips and screen-reader texts in one language (theme.language).
 * This script rewrites them in the toggle's language: 中文, English, or both ("页眉 / Header"). The
 * strings are Material's own zh and en translations (partials/languages/zh.html and en.html of
 * the pinned mkdocs-material). It also sets the tab title and the other bilingual names the
 * template gives it (site name, page title, palette toggle).
 *
 * Runs at load, on "rd:langchange" (digest.js) and after each instant navigation (document$).
 * Text the page shows from its first paint (header title, card text) is switched by CSS instead
 * (html[data-rd-lang] set by early.js), so nothing here is needed to avoid a flash.
 */
(function () {
  "use strict";

  if (window.__rdUiLanguage) return;
  window.__rdUiLanguage = true;

  var root = document.documentElement;

  /* Material's strings, [中文, English], for the keys its templates print on our pages. */
  var THEME = {
    "action.skip": ["跳转至", "Skip to content"],
    "clipboard.copy": ["复制", "Copy to clipboard"],
    "clipboard.copied": ["已复制", "Copied to clipboard"],
    "footer": ["页脚", "Footer"],
    "footer.next": ["下一页", "Next"],
    "footer.previous": ["上一页", "Previous"],
    "header": ["页眉", "Header"],
    "nav": ["导航栏", "Navigation"],
    "search": ["查找", "Search"],
    "search.placeholder": ["搜索", "Search"],
    "search.share": ["分享", "Share"],
    "search.reset": ["清空当前内容", "Clear"],
    "source": ["前往仓库", "Go to repository"],
    "tabs": ["标签", "Tabs"],
    "toc": ["目录", "Table of contents"],
    "top": ["回到页面顶部", "Back to top"],
    "language": ["语言", "Language"]
  };

  /* Messages Material writes into the search box while it works (from #__config, in the theme
     language): each as a pattern per language and its text with "#" for the count. */
  var MESSAGES = [
    ["正在初始化搜索引擎", "Initializing search"],
    ["键入以开始搜索", "Type to start searching"],
    ["没有找到符合条件的结果", "No matching documents"],
    ["找到 1 个符合条件的结果", "1 matching document"],
    ["# 个符合条件的结果", "# matching documents"],
    ["在该页上还有 1 个符合条件的结果", "1 more on this page"],
    ["在该页上还有 # 个符合条件的结果", "# more on this page"],
    ["缺少", "Missing"]
  ].map(function (pair) {
    return {
      texts: pair,
      patterns: pair.map(function (text) {
        return new RegExp("^" + text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace("#", "(\\d[\\d,]*)") + "$");
      })
    };
  });

  function lang() {
    var l = root.getAttribute("data-rd-lang");
    return l === "zh" || l === "en" ? l : "both";
  }

  function pick(pair, l) {
    if (!pair) return null;
    if (l === "zh") return pair[0] || pair[1];
    if (l === "en") return pair[1] || pair[0];
    return pair[0] && pair[1] && pair[0] !== pair[1] ? pair[0] + " / " + pair[1] : pair[0] || pair[1];
  }

  function each(selector, fn) {
    var nodes = document.querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) fn(nodes[i]);
  }

  function setAttr(el, name, value) {
    if (value != null && el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  /* The element's own last non-blank text node (Material puts icons before its labels). */
  function setOwnText(el, text) {
    if (text == null) return;
    var nodes = el.childNodes, last = null;
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].nodeType === 3 && /\S/.test(nodes[i].nodeValue)) last = nodes[i];
    }
    if (!last) { el.appendChild(document.createTextNode(text)); return; }
    var m = /^(\s*)[\s\S]*?(\s*)$/.exec(last.nodeValue), next = m[1] + text + m[2];
    if (last.nodeValue !== next) last.nodeValue = next;
  }

  /* A "中文 / English" pair as configured (palette toggle names); a single string stays whole. */
  function splitPair(text, stored) {
    if (stored) return stored.split("\u0000");
    var parts = String(text || "").split(" / ");
    return parts.length === 2 ? parts : null;
  }

  function applyPair(el, attr, l) {
    var key = "rdPair" + attr.replace(/[^a-z]/gi, "");
    var pair = splitPair(el.getAttribute(attr), el.dataset[key]);
    if (!pair) return;
    el.dataset[key] = pair.join("\u0000");
    setAttr(el, attr, pick(pair, l));
  }

  /* A name written in both languages ("关于 About", "论文速递 · Research Digest"): one run of
     Chinese and the rest, as labels.split_name does on the server; null otherwise. */
  var CJK_RUN = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+(?:[\s\u00b7/|]*[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+)*/g;
  var EDGES = /^[\s\u00b7/|\-\u2013\u2014]+|[\s\u00b7/|\-\u2013\u2014]+$/g;

  function splitName(name) {
    var runs = String(name || "").match(CJK_RUN);
    if (!runs || runs.length !== 1) return null;
    var rest = name.split(runs[0]).map(function (s) { return s.replace(EDGES, ""); }).join(" ").replace(EDGES, "");
    return rest ? [runs[0], rest] : null;
  }

  /* Text or an attribute holding such a name: the pair is kept on the element, so the next
     toggle starts from both names again. */
  function applyName(el, attr, l) {
    var key = "rdName" + (attr ? attr.replace(/[^a-z]/gi, "") : "Text");
    var pair = el.dataset[key] ? el.dataset[key].split("\u0000") : null;
    if (!pair) {
      var text = attr ? el.getAttribute(attr) : el.textContent.replace(/\s+/g, " ").trim();
      // tooltips are often content (a title, a name): only "中文 / English" ones are pairs
      if (attr && !/^[^/]+ \/ [^/]+$/.test(text || "")) return;
      pair = splitName(text);
      if (!pair) return;
      el.dataset[key] = pair.join("\u0000");
    }
    if (attr) setAttr(el, attr, pick(pair, l));
    else setOwnText(el, pick(pair, l));
  }

  /* ------------------------------------------------------------- page data */

  function pageData() {
    var el = document.querySelector("script[data-rd-titles]");
    if (!el) return null;
    try { return JSON.parse(el.getAttribute("data-rd-titles")); } catch (e) { return null; }
  }

  function applyTitles(l) {
    var data = pageData();
    if (!data) return;
    var title = l === "both" ? data.tab[2] : pick(data.tab, l); // 双语: as served, both names
    if (title && document.title !== title) document.title = title;
    var site = pick(data.site, l);
    each("a.md-logo", function (a) { setAttr(a, "title", site); setAttr(a, "aria-label", site); });
    each(".md-nav--primary > label.md-nav__title", function (el) { setOwnText(el, site); });
  }

  /* --------------------------------------------------------------- theme */

  function t(key, l) { return pick(THEME[key], l); }

  var LABELS = [
    [".md-header__inner", "aria-label", "header"],
    [".md-search[role=dialog]", "aria-label", "search"],
    [".md-search__options", "aria-label", "search"],
    ["input.md-search__input", "placeholder", "search.placeholder"],
    ["input.md-search__input", "aria-label", "search.placeholder"],
    ["[data-md-component=search-share]", "title", "search.share"],
    ["[data-md-component=search-share]", "aria-label", "search.share"],
    [".md-search button[type=reset]", "title", "search.reset"],
    [".md-search button[type=reset]", "aria-label", "search.reset"],
    [".md-nav--primary", "aria-label", "nav"],
    [".md-nav--secondary", "aria-label", "toc"],
    [".md-footer__inner", "aria-label", "footer"],
    [".md-tabs", "aria-label", "tabs"],
    [".md-source", "title", "source"],
    ["button.md-clipboard", "title", "clipboard.copy"],
    [".rd-lang-switch__group", "aria-label", "language"]
  ];

  var TEXTS = [
    [".md-skip", "action.skip"],
    [".md-top", "top"],
    [".md-nav--secondary > label.md-nav__title", "toc"]
  ];

  function applyFooter(l) {
    each(".md-footer__link", function (a) {
      var key = a.classList.contains("md-footer__link--prev") ? "footer.previous" : "footer.next";
      var direction = t(key, l);
      var label = a.querySelector(".md-footer__direction");
      if (label) setOwnText(label, direction);
      var title = a.querySelector(".md-footer__title .md-ellipsis");
      var name = title ? title.textContent.replace(/\s+/g, " ").trim() : "";
      setAttr(a, "aria-label", direction + ": " + name);
    });
  }

  function translateMessage(text, l) {
    var value = text.replace(/\s+/g, " ").trim(), first = value.split(" / ")[0];
    for (var i = 0; i < MESSAGES.length; i++) {
      for (var j = 0; j < 2; j++) {
        var m = MESSAGES[i].patterns[j].exec(first);
        if (!m) continue;
        var count = m[1];
        var pair = MESSAGES[i].texts.map(function (s) { return count ? s.replace("#", count) : s; });
        return pick(pair, l);
      }
    }
    return null;
  }

  function applyMessages(l) {
    each(".md-search-result__meta, .md-search-result__more summary > div, .md-search-result__more summary, .md-search-result__terms", function (el) {
      if (el.children.length && !el.matches(".md-search-result__terms")) return;
      var next = translateMessage(el.textContent, l);
      if (next && el.textContent !== next) el.textContent = next;
    });
  }

  function apply() {
    var l = lang();
    applyTitles(l);
    LABELS.forEach(function (row) { each(row[0], function (el) { setAttr(el, row[1], t(row[2], l)); }); });
    TEXTS.forEach(function (row) { each(row[0], function (el) { setOwnText(el, t(row[1], l)); }); });
    each("form[data-md-component=palette] label[title]", function (el) { applyPair(el, "title", l); });
    each("form[data-md-component=palette] input[aria-label]", function (el) { applyPair(el, "aria-label", l); });
    // hand-written pages' names in the navigation and the footer; the cards' tooltips
    each(".md-nav__link .md-ellipsis, .md-footer__title .md-ellipsis", function (el) {
      if (!el.children.length) applyName(el, null, l);
    });
    each(".md-content [title]", function (el) { applyName(el, "title", l); });
    // words our scripts and templates keep in both languages (data-rd-aria-zh / -en, ...)
    [["aria", "aria-label"], ["title", "title"], ["placeholder", "placeholder"]].forEach(function (row) {
      each("[data-rd-" + row[0] + "-zh]", function (el) {
        setAttr(el, row[1], pick([el.getAttribute("data-rd-" + row[0] + "-zh"), el.getAttribute("data-rd-" + row[0] + "-en")], l));
      });
    });
    applyFooter(l);
    applyMessages(l);
    each(".md-ellipsis", function (el) { ellipsisTitle(el, l); });
  }

  /* Material titles a truncated name (.md-ellipsis, or its link) with its text once it scrolls
     into view: both language slots run together ("论文速递Research Digest"); the toggle's instead. */
  function ellipsisTitle(box, l) {
    var holder = box.closest("a") || box;
    var zh = box.querySelector(".rd-zh"), en = box.querySelector(".rd-en");
    if (!zh || !en || !holder.hasAttribute("title")) return;
    setAttr(holder, "title", pick([zh.textContent.trim(), en.textContent.trim()], l));
  }

  function watchTitles() {
    if (document.body.__rdTitles || typeof MutationObserver === "undefined") return;
    document.body.__rdTitles = true;
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        var el = record.target, box = el.matches(".md-ellipsis") ? el : el.querySelector(".md-ellipsis");
        if (box) ellipsisTitle(box, lang());
      });
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["title"] });
  }

  /* Material rewrites the search messages and adds result lists while the reader types. */
  function watchSearch() {
    var output = document.querySelector(".md-search__output");
    if (!output || output.__rdWatched || typeof MutationObserver === "undefined") return;
    output.__rdWatched = true;
    var busy = false;
    new MutationObserver(function () {
      if (busy) return;
      busy = true;
      try { applyMessages(lang()); } finally { busy = false; }
    }).observe(output, { childList: true, subtree: true, characterData: true });
  }

  function start() {
    apply();
    watchSearch();
    watchTitles();
    document.addEventListener("rd:langchange", apply);
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { apply(); watchSearch(); });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
