/* research-digest: the long text of compact cards, opened in place.
 *
 * Each paper's abstracts and BibTeX are stored once: on its full card, on its canonical page
 * (the archive page of its earliest date). A listing's compact card (.rd-card--compact) has a
 * folded "Abstract & BibTeX" box (.rd-long-text) holding a link to that card, which is what
 * readers without JavaScript follow. Opened with JavaScript, the box is filled in place with
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
      var body = box.querySelector(".rd-long-text__body");
      var parts = card.querySelectorAll("details.rd-abstract, details.rd-bibtex");
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part) {
        var copy = document.importNode(part, true);
        copy.open = true;
        fragment.appendChild(copy);
      });
      body.textContent = "";
      body.appendChild(fragment);
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

  window.rdPaperCard = fullCard;
  document.addEventListener("toggle", onToggle, true); // toggle does not bubble
})();
