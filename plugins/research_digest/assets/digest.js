/* research-digest front-end (plain ES2017, no dependencies).
 *
 * - language toggle (中文 / English / 双语) inserted into Material's header
 * - language switching: <html data-rd-lang>, localStorage "rd-lang", ?lang= kept in sync,
 *   scroll position anchored, nav labels from #rd-config, <html lang>, "rd:langchange" event
 * - "Copy BibTeX" buttons (event delegation; works after instant navigation)
 * - brief highlight of the card targeted by the URL hash
 *
 * Works with Material's instant navigation (window.document$) and without it.
 */
(function () {
  "use strict";

  if (window.__rdDigest) return; // loaded twice (e.g. re-executed by instant navigation)

  var STORAGE_KEY = "rd-lang";
  var LANGS = [
    { value: "zh", long: "中文", short: "中", label: "中文", lang: "zh" },
    { value: "en", long: "English", short: "EN", label: "English", lang: "en" },
    { value: "both", long: "双语", short: "双", label: "双语 / Bilingual", lang: "zh" }
  ];
  var HTML_LANG = { zh: "zh-CN", en: "en", both: "zh-CN" };
  var COPIED = { zh: "已复制", en: "Copied" };
  var FAILED = { zh: "复制失败", en: "Copy failed" };
  var ANNOUNCE_COPIED = { zh: "已复制 BibTeX", en: "BibTeX copied", both: "已复制 BibTeX / BibTeX copied" };
  var ANNOUNCE_FAILED = {
    zh: "复制失败，请手动复制",
    en: "Copy failed, please copy manually",
    both: "复制失败 / Copy failed"
  };
  var FEEDBACK_MS = 2000;
  var HIGHLIGHT_MS = 2600;

  var root = document.documentElement;
  var siteRoot = computeSiteRoot(); // pathname of the site root, or null
  var configCache = { text: null, value: null };

  /* ------------------------------------------------------------------ utils */

  function isLang(x) {
    return x === "zh" || x === "en" || x === "both";
  }

  function currentLang() {
    var l = root.getAttribute("data-rd-lang");
    return isLang(l) ? l : null;
  }

  function storageGet() {
    try { return window.localStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
  }

  function storageSet(lang) {
    try { window.localStorage.setItem(STORAGE_KEY, lang); } catch (e) { /* private mode etc. */ }
  }

  function paramLang() {
    try {
      var v = new URLSearchParams(window.location.search).get("lang");
      v = v && v.toLowerCase();
      return isLang(v) ? v : null;
    } catch (e) {
      return null;
    }
  }

  /* #rd-config is site-wide; keep the last good value in case an instant
     navigation removed or mangled the element. */
  function readConfig() {
    var el = document.getElementById("rd-config");
    if (!el) return configCache.value;
    var text = el.textContent;
    if (text === configCache.text) return configCache.value;
    var value = null;
    try { value = JSON.parse(text); } catch (e) { return configCache.value; }
    configCache = { text: text, value: value };
    return value;
  }

  function defaultLang() {
    var cfg = readConfig();
    return cfg && isLang(cfg.defaultLang) ? cfg.defaultLang : "zh";
  }

  /* Material renders {"base": "<relative base_url>"} into #__config (outside the
     swapped container). Resolved against the URL of the first page it gives the
     site root; we compute it once, at first load, like Material does. */
  function computeSiteRoot() {
    try {
      var el = document.getElementById("__config");
      if (!el) return null;
      var cfg = JSON.parse(el.textContent);
      if (!cfg || typeof cfg.base !== "string") return null;
      var path = new URL(cfg.base || ".", window.location.href).pathname;
      return path.charAt(path.length - 1) === "/" ? path : path + "/";
    } catch (e) {
      return null;
    }
  }

  function normPath(p) {
    p = String(p || "");
    try { p = decodeURI(p); } catch (e) { /* keep raw */ }
    p = p.replace(/^\.\//, "").replace(/^\/+/, "");
    p = p.replace(/(^|\/)index\.html?$/i, "$1");
    return p;
  }

  /* ----------------------------------------------------------- nav labels */

  function navText(pair, lang) {
    var zh = pair[0] || "", en = pair[1] || "";
    if (lang === "zh") return { text: zh || en, lang: zh ? "zh" : "en" };
    if (lang === "en") return { text: en || zh, lang: en ? "en" : "zh" };
    if (zh && en && zh !== en) return { text: zh + " " + en, lang: null };
    return { text: zh || en, lang: zh ? "zh" : "en" };
  }

  function matchNavKey(link, keys) {
    var url;
    try { url = new URL(link.href, window.location.href); } catch (e) { return null; }
    if (url.origin !== window.location.origin) return null;
    var full = normPath(url.pathname);
    var rel = null;
    if (siteRoot && url.pathname.indexOf(siteRoot) === 0) {
      rel = normPath(url.pathname.slice(siteRoot.length));
    }
    var best = null, bestLen = -1;
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i];
      if (rel !== null && k.norm === rel) return k.key; // exact, site-root relative
      if (!k.norm) continue; // empty key (home) only matches exactly
      var hit = full === k.norm ||
        (full.length > k.norm.length &&
         full.slice(-k.norm.length) === k.norm &&
         (k.norm.charAt(0) === "/" || full.charAt(full.length - k.norm.length - 1) === "/"));
      if (hit && k.norm.length > bestLen) { best = k.key; bestLen = k.norm.length; }
    }
    return best;
  }

  function setLinkText(link, text) {
    var target = link.querySelector(".md-ellipsis") || link;
    var nodes = target.childNodes;
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      if (n.nodeType === 3 && /\S/.test(n.nodeValue)) {
        var m = /^(\s*)[\s\S]*?(\s*)$/.exec(n.nodeValue);
        var next = m[1] + text + m[2];
        if (n.nodeValue !== next) n.nodeValue = next;
        return true;
      }
    }
    if (target !== link && !target.children.length) { target.textContent = text; return true; }
    return false;
  }

  var SEARCH_PLACEHOLDER = { zh: "搜索", en: "Search", both: "搜索 Search" };

  /* Material writes the theme language's placeholder into the search box; follow the toggle. */
  function applySearchLabel(lang) {
    var input = document.querySelector("input.md-search__input");
    if (!input || !SEARCH_PLACEHOLDER[lang]) return;
    input.setAttribute("placeholder", SEARCH_PLACEHOLDER[lang]);
    input.setAttribute("aria-label", SEARCH_PLACEHOLDER[lang]);
  }

  function applyNavLabels() {
    var lang = currentLang();
    applySearchLabel(lang);
    var cfg = readConfig();
    if (!lang || !cfg || !cfg.nav || typeof cfg.nav !== "object") return;
    var keys = [];
    Object.keys(cfg.nav).forEach(function (key) {
      if (Array.isArray(cfg.nav[key])) keys.push({ key: key, norm: normPath(key) });
    });
    if (!keys.length) return;
    var links = document.querySelectorAll("a.md-nav__link[href], a.md-tabs__link[href]");
    for (var i = 0; i < links.length; i++) {
      var key = matchNavKey(links[i], keys);
      if (key === null) continue;
      var t = navText(cfg.nav[key], lang);
      if (!t.text) continue;
      if (setLinkText(links[i], t.text)) {
        if (t.lang) links[i].setAttribute("lang", t.lang);
        else links[i].removeAttribute("lang");
      }
    }
  }

  /* --------------------------------------------------------------- toggle */

  function findToggle() {
    return document.querySelector('[data-rd-component="lang-switch"]');
  }

  function buildToggle() {
    var wrap = document.createElement("div");
    wrap.className = "md-header__option rd-lang-switch";
    wrap.setAttribute("data-rd-component", "lang-switch");
    var group = document.createElement("div");
    group.className = "rd-lang-switch__group";
    group.setAttribute("role", "radiogroup");
    group.setAttribute("aria-label", "语言 / Language");
    LANGS.forEach(function (l) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "rd-lang-switch__option";
      b.setAttribute("role", "radio");
      b.setAttribute("aria-checked", "false");
      b.setAttribute("tabindex", "-1");
      b.setAttribute("data-rd-value", l.value);
      b.setAttribute("aria-label", l.label);
      b.setAttribute("title", l.label);
      b.setAttribute("lang", l.lang);
      var long = document.createElement("span");
      long.className = "rd-lang-switch__long";
      long.setAttribute("aria-hidden", "true");
      long.textContent = l.long;
      var short = document.createElement("span");
      short.className = "rd-lang-switch__short";
      short.setAttribute("aria-hidden", "true");
      short.textContent = l.short;
      b.appendChild(long);
      b.appendChild(short);
      group.appendChild(b);
    });
    wrap.appendChild(group);
    return wrap;
  }

  function insertToggle(el) {
    var inner = document.querySelector(".md-header__inner");
    if (!inner) {
      el.classList.add("rd-lang-switch--floating");
      document.body.insertBefore(el, document.body.firstChild);
      return;
    }
    // after the palette / alternate-language options, before search and repo source
    var before =
      inner.querySelector(':scope > label[for="__search"]') ||
      inner.querySelector(":scope > .md-search") ||
      inner.querySelector(":scope > .md-header__source");
    if (before) inner.insertBefore(el, before);
    else inner.appendChild(el);
  }

  function ensureToggle() {
    var el = findToggle();
    if (!el) {
      if (!document.body) return null;
      el = buildToggle();
      insertToggle(el);
    }
    if (!el.__rdBound) {
      el.__rdBound = true;
      el.addEventListener("click", onToggleClick);
      el.addEventListener("keydown", onToggleKeydown);
    }
    syncToggle(el);
    return el;
  }

  function toggleButtons(el) {
    return Array.prototype.slice.call((el || findToggle() || document).querySelectorAll(
      ".rd-lang-switch__option[data-rd-value]"));
  }

  function syncToggle(el) {
    var lang = currentLang() || defaultLang();
    toggleButtons(el).forEach(function (b) {
      var on = b.getAttribute("data-rd-value") === lang;
      b.setAttribute("aria-checked", on ? "true" : "false");
      b.setAttribute("tabindex", on ? "0" : "-1");
    });
  }

  function onToggleClick(e) {
    var b = e.target.closest(".rd-lang-switch__option[data-rd-value]");
    if (!b) return;
    setLang(b.getAttribute("data-rd-value"));
  }

  function onToggleKeydown(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var buttons = toggleButtons(e.currentTarget);
    var i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    var rtl = getComputedStyle(e.currentTarget).direction === "rtl";
    var next = null;
    switch (e.key) {
      case "ArrowRight": next = rtl ? i - 1 : i + 1; break;
      case "ArrowDown": next = i + 1; break;
      case "ArrowLeft": next = rtl ? i + 1 : i - 1; break;
      case "ArrowUp": next = i - 1; break;
      case "Home": next = 0; break;
      case "End": next = buttons.length - 1; break;
      default: return; // Enter / Space: native button activation -> click
    }
    e.preventDefault();
    e.stopPropagation(); // keep Material's keyboard handler out of it
    next = (next + buttons.length) % buttons.length;
    var b = buttons[next];
    setLang(b.getAttribute("data-rd-value"));
    b.focus();
  }

  /* -------------------------------------------------------- scroll anchor */

  function headerBottom() {
    var h = document.querySelector(".md-header");
    if (!h) return 0;
    var pos = getComputedStyle(h).position;
    if (pos !== "sticky" && pos !== "fixed") return 0;
    return Math.max(0, h.getBoundingClientRect().bottom);
  }

  function rendered(el) {
    return !!(el && el.isConnected && el.getClientRects().length);
  }

  /* Remember the element at the top of the viewport (deepest first, up to the
     first visible card / tile) together with its viewport offsets. */
  function captureAnchor() {
    if ((window.scrollY || window.pageYOffset) <= 0) return null;
    var top = headerBottom();
    var block = null;
    var items = document.querySelectorAll(".rd-card, .rd-grid__item");
    for (var i = 0; i < items.length; i++) {
      var r = items[i].getBoundingClientRect();
      if (r.height > 0 && r.bottom > top + 1) { block = items[i]; break; }
    }
    var host = block || document.querySelector(".md-content__inner, .rd-page, main") || document.body;
    var hr = host.getBoundingClientRect();
    var x = Math.min(Math.max(hr.left + Math.min(48, hr.width / 3), 1), window.innerWidth - 1);
    var y = Math.min(Math.max(Math.max(top, hr.top) + 4, 1), window.innerHeight - 1);
    var chain = [];
    var el = document.elementFromPoint(x, y);
    if (el && host.contains(el)) {
      for (var depth = 0; el && el !== host && depth < 12; depth++, el = el.parentElement) {
        chain.push(el);
      }
    }
    chain.push(host);
    return chain.map(function (node) {
      return { el: node, top: node.getBoundingClientRect().top };
    });
  }

  function restoreAnchor(anchors) {
    if (!anchors) return;
    for (var i = 0; i < anchors.length; i++) {
      var a = anchors[i];
      if (!rendered(a.el)) continue;
      var delta = a.el.getBoundingClientRect().top - a.top;
      if (Math.abs(delta) >= 0.5) {
        var style = root.style, prev = style.scrollBehavior;
        style.scrollBehavior = "auto";
        window.scrollBy(0, delta);
        style.scrollBehavior = prev;
      }
      return;
    }
  }

  /* ------------------------------------------------------------ switching */

  function applyRoot(lang) {
    root.setAttribute("data-rd-lang", lang);
    root.lang = HTML_LANG[lang];
  }

  function updateUrlParam(lang) {
    try {
      var url = new URL(window.location.href);
      if (!url.searchParams.has("lang") || url.searchParams.get("lang") === lang) return;
      url.searchParams.set("lang", lang);
      window.history.replaceState(window.history.state, "", url.href);
    } catch (e) { /* ignore */ }
  }

  /**
   * Switch the display language.
   * opts.persist (default true): save to localStorage
   * opts.anchor (default true): keep the first visible card in place
   */
  function setLang(lang, opts) {
    if (!isLang(lang)) return false;
    opts = opts || {};
    var previous = currentLang();
    if (opts.persist !== false) storageSet(lang);
    updateUrlParam(lang);
    if (previous === lang) { syncToggle(); return false; }

    var anchors = opts.anchor === false ? null : captureAnchor();
    var style = root.style, prevAnchor = style.overflowAnchor;
    style.overflowAnchor = "none"; // we anchor ourselves; avoid double correction
    applyRoot(lang);
    syncToggle();
    applyNavLabels();
    restoreAnchor(anchors);
    window.setTimeout(function () { style.overflowAnchor = prevAnchor; }, 0);

    var ev;
    try {
      ev = new CustomEvent("rd:langchange", { detail: { lang: lang, previous: previous } });
    } catch (e) {
      ev = document.createEvent("CustomEvent");
      ev.initCustomEvent("rd:langchange", false, false, { lang: lang, previous: previous });
    }
    document.dispatchEvent(ev);
    return true;
  }

  /* ---------------------------------------------------------- copy bibtex */

  function legacyCopy(text) {
    var ta = document.createElement("textarea");
    var active = document.activeElement;
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.setAttribute("aria-hidden", "true");
    ta.style.cssText = "position:fixed;top:0;left:-9999px;width:1px;height:1px;opacity:0;";
    document.body.appendChild(ta);
    var ok = false;
    try {
      ta.select();
      ta.setSelectionRange(0, text.length);
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(ta);
    if (active && typeof active.focus === "function") {
      try { active.focus({ preventScroll: true }); } catch (e) { /* ignore */ }
    }
    return !!ok;
  }

  function copyText(text) {
    var clip = navigator.clipboard;
    if (clip && typeof clip.writeText === "function" && window.isSecureContext !== false) {
      return clip.writeText(text).then(function () { return true; }, function () {
        return legacyCopy(text);
      });
    }
    return Promise.resolve(legacyCopy(text));
  }

  function liveRegion() {
    var el = document.getElementById("rd-live");
    if (!el) {
      el = document.createElement("div");
      el.id = "rd-live";
      el.className = "rd-sr-only";
      el.setAttribute("role", "status");
      el.setAttribute("aria-live", "polite");
      el.setAttribute("aria-atomic", "true");
      document.body.appendChild(el);
    }
    return el;
  }

  function announce(text) {
    var el = liveRegion();
    el.textContent = "";
    window.setTimeout(function () { el.textContent = text; }, 60);
  }

  function restoreButton(btn) {
    var spans = btn.querySelectorAll("[data-rd-orig]");
    for (var i = 0; i < spans.length; i++) {
      spans[i].textContent = spans[i].getAttribute("data-rd-orig");
      spans[i].removeAttribute("data-rd-orig");
    }
    if (btn.hasAttribute("data-rd-orig")) {
      btn.textContent = btn.getAttribute("data-rd-orig");
      btn.removeAttribute("data-rd-orig");
    }
    btn.classList.remove("rd-copy-bibtex--copied", "rd-copy-bibtex--failed");
    btn.removeAttribute("data-rd-state");
  }

  function showCopyState(btn, ok) {
    window.clearTimeout(btn.__rdTimer);
    restoreButton(btn);
    var words = ok ? COPIED : FAILED;
    var spans = btn.querySelectorAll(".rd-zh, .rd-en");
    if (spans.length) {
      for (var i = 0; i < spans.length; i++) {
        var s = spans[i];
        s.setAttribute("data-rd-orig", s.textContent);
        s.textContent = s.classList.contains("rd-zh") ? words.zh : words.en;
      }
    } else {
      btn.setAttribute("data-rd-orig", btn.textContent);
      btn.textContent = words.zh + " / " + words.en;
    }
    btn.classList.add(ok ? "rd-copy-bibtex--copied" : "rd-copy-bibtex--failed");
    btn.setAttribute("data-rd-state", ok ? "copied" : "failed");
    var lang = currentLang() || "both";
    announce((ok ? ANNOUNCE_COPIED : ANNOUNCE_FAILED)[lang]);
    btn.__rdTimer = window.setTimeout(function () { restoreButton(btn); }, FEEDBACK_MS);
  }

  function onDocumentClick(e) {
    var t = e.target;
    var btn = t && t.closest ? t.closest(".rd-copy-bibtex") : null;
    if (!btn) return;
    var box = btn.closest(".rd-bibtex") || btn.parentElement;
    var pre = box && box.querySelector(".rd-bibtex__text");
    if (!pre) return;
    e.preventDefault();
    var text = pre.textContent.replace(/^\s+|\s+$/g, "") + "\n";
    copyText(text).then(function (ok) {
      showCopyState(btn, ok);
      if (!ok) {
        try { window.getSelection().selectAllChildren(pre); } catch (err) { /* ignore */ }
      }
    });
  }

  /* --------------------------------------------------------- hash target */

  var lastTarget = { card: null, time: 0 };

  function highlightTarget() {
    var hash = window.location.hash;
    if (!hash || hash.length < 2) return;
    var id = hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep raw */ }
    var el = document.getElementById(id);
    if (!el) return;
    var card = el.closest(".rd-card");
    if (!card || !(el === card || el.classList.contains("rd-card__title"))) return;
    var now = Date.now();
    // hashchange, location$ and document$ may all report the same navigation
    if (lastTarget.card === card && now - lastTarget.time < 400) return;
    lastTarget = { card: card, time: now };
    card.classList.remove("rd-card--target");
    void card.offsetWidth; // restart the animation
    card.classList.add("rd-card--target");
    window.clearTimeout(card.__rdTimer);
    card.__rdTimer = window.setTimeout(function () {
      card.classList.remove("rd-card--target");
    }, HIGHLIGHT_MS);
  }

  /* ---------------------------------------------------------------- print */

  var printOpened = [];

  function beforePrint() {
    var list = document.querySelectorAll("details.rd-abstract:not([open]), details.rd-authors__more:not([open])");
    for (var i = 0; i < list.length; i++) {
      list[i].open = true;
      printOpened.push(list[i]);
    }
  }

  function afterPrint() {
    printOpened.forEach(function (d) { d.open = false; });
    printOpened = [];
  }

  /* ----------------------------------------------------------------- init */

  function onPage() {
    ensureToggle();
    var p = paramLang();
    if (p && p !== currentLang()) setLang(p, { anchor: false });
    else if (p) storageSet(p);
    applyNavLabels();
    highlightTarget();
  }

  function init() {
    window.__rdDigest = { setLang: setLang, getLang: currentLang };

    if (!currentLang()) { // early.js did not run
      var l = paramLang() || storageGet();
      if (!isLang(l)) l = defaultLang();
      applyRoot(l);
      if (paramLang()) storageSet(l);
    }

    document.addEventListener("click", onDocumentClick);
    window.addEventListener("hashchange", highlightTarget);
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
    window.addEventListener("storage", function (e) {
      if (e.key === STORAGE_KEY && isLang(e.newValue)) setLang(e.newValue, { persist: false });
    });

    ensureToggle(); // the header is already parsed: insert before first paint
    applyNavLabels(); // likewise, to avoid a flash of server-language nav labels

    // Material's instant navigation handles same-page anchors with pushState
    // (no hashchange): follow its location$ as well
    var loc$ = window.location$;
    if (loc$ && typeof loc$.subscribe === "function") {
      loc$.subscribe(function () { window.setTimeout(highlightTarget, 0); });
    }

    var doc$ = window.document$;
    if (doc$ && typeof doc$.subscribe === "function") {
      doc$.subscribe(function () { onPage(); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", onPage);
    } else {
      onPage();
    }
  }

  try {
    init();
  } catch (e) {
    if (window.console && console.error) console.error("research-digest:", e);
  }
})();
