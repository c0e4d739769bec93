/* research-digest: the long text of compact cards, opened in place.
 *
 * Each paper's abstracts and BibTeX are stored once: on its full card, on its canonical page
 * (the archive page of its earliest date). A listing's compact card (.rd-card--compact) has a
 * folded "Abstract & BibTeX" box (.rd-long-text) holding a link to that card, which is what
 * readers without JavaScript follow. Opened with JavaScript, the link is replaced in place by
 * the full card's abstracts and BibTeX box, taken from the canonical page: fetched once per
 * page (a day's page, about 70 kB gzipped) and kept while the reader stays.
 * window.rdPaperCard(href) gives other scripts the full card of a permalink (a Promise).
 */
(function () {
  "use strict";

  var pages = new Map(); // absolute URL of a canonical page -> Promise of its parsed document

  function canonicalPage(url) {
    var found = pages.get(url);
    if (!found) {
      found = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      }).then(function (html) {
        return new DOMParser().parseFromString(html, "text/html");
      });
      found.catch(function () { pages.delete(url); });
      pages.set(url, found);
    }
    return found;
  }

  function fullCard(href) {
    var url = new URL(href, window.location.href);
    var id = decodeURIComponent(url.hash.slice(1));
    url.hash = "";
    return canonicalPage(url.href).then(function (doc) {
      var anchor = doc.getElementById(id);
      var card = anchor ? anchor.closest(".rd-card") : null;
      if (!card) throw new Error("no card " + id + " on " + url.href);
      return card;
    });
  }

  function fill(box) {
    if (box.__rdFilling) return box.__rdFilling;
    var link = box.querySelector(".rd-full-card");
    if (!link) return Promise.resolve();
    box.__rdFilling = fullCard(link.getAttribute("href")).then(function (card) {
      var body = document.createElement("div");
      body.className = "rd-long-text__body";
      var parts = card.querySelectorAll("details.rd-abstract, details.rd-bibtex");
      parts.forEach(function (part) {
        var copy = document.importNode(part, true);
        copy.open = true;
        body.appendChild(copy);
      });
      enhance(body);
      box.replaceChild(body, link);
      box.classList.add("rd-long-text--filled");
      var owner = box.closest(".rd-card--compact");
      if (owner) owner.classList.add("rd-card--filled");
    }, function (error) {
      box.__rdFilling = null; // the link to the full card stays; opening again tries again
      throw error;
    });
    return box.__rdFilling;
  }

  function onToggle(e) {
    var box = e.target;
    if (!box || !box.open || !box.matches || !box.matches("details.rd-long-text")) return;
    if (box.classList.contains("rd-long-text--filled")) return;
    fill(box).catch(function (error) {
      if (window.console && console.warn) console.warn("research-digest:", error);
    });
  }

  /* What cards leave to the script, so that each of 100,000 cards does not carry it: author
     names become links to the results page for that author (which needs JavaScript anyway), a
     compact card's title gets its permalink (the link in its long-text box: where its full card
     is), and each BibTeX box gets its copy button (digest.js copies). */
  var COPY_BIBTEX = { zh: "复制 BibTeX", en: "Copy BibTeX" };

  function siteRoot() {
    var rel = "./";
    try {
      var cfg = JSON.parse(document.getElementById("__config").textContent);
      if (cfg && typeof cfg.base === "string") rel = cfg.base || ".";
    } catch (e) { /* keep "./" */ }
    var url = new URL(rel, window.location.href).href;
    return url.charAt(url.length - 1) === "/" ? url : url + "/";
  }

  function slot(lang, text) {
    var span = document.createElement("span");
    span.className = "rd-" + lang;
    span.lang = lang;
    span.textContent = text;
    return span;
  }

  function enhance(root) {
    var search = siteRoot() + "search/?q=";
    root.querySelectorAll(".rd-authors a:not([href]):not([class])").forEach(function (a) {
      var query = 'author:"' + a.textContent.replace(/"/g, "") + '"'; // search-worker.js parseQuery
      a.className = "rd-author";
      a.href = search + encodeURIComponent(query);
    });
    root.querySelectorAll(".rd-card--compact").forEach(function (card) {
      var title = card.querySelector(".rd-card__title"), full = card.querySelector(".rd-full-card");
      if (!title || !full || title.querySelector(".headerlink")) return;
      var permalink = document.createElement("a");
      permalink.className = "headerlink";
      permalink.href = full.getAttribute("href");
      permalink.textContent = "¶";
      title.appendChild(permalink);
    });
    root.querySelectorAll("details.rd-bibtex").forEach(function (box) {
      if (box.querySelector(".rd-copy-bibtex")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button rd-copy-bibtex";
      button.appendChild(slot("zh", COPY_BIBTEX.zh));
      button.appendChild(slot("en", COPY_BIBTEX.en));
      box.appendChild(button);
    });
  }

  function onPage() {
    enhance(document);
  }

  window.rdPaperCard = fullCard;
  document.addEventListener("toggle", onToggle, true); // toggle does not bubble
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
