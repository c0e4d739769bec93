/* research-digest: the long text of compact cards, filled in place when unfolded.
 *
 * A listing's compact card (.rd-card--compact) carries no abstract or BibTeX: its folded boxes
 * hold a link to the paper's full card (what readers without JavaScript follow). When one is
 * opened, the paper's data chunk (data-chunk, see paper_data.py) is fetched once per page and
 * the box filled with the text the full card shows. window.rdPaperData(url) gives other
 * scripts the same cached chunks.
 */
(function () {
  "use strict";

  var chunks = new Map(); // absolute URL -> Promise of the parsed chunk

  function paperData(url) {
    var absolute = new URL(url, window.location.href).href;
    var found = chunks.get(absolute);
    if (!found) {
      found = fetch(absolute, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
      found.catch(function () { chunks.delete(absolute); });
      chunks.set(absolute, found);
    }
    return found;
  }

  function recordOf(card) {
    return paperData(card.getAttribute("data-chunk")).then(function (chunk) {
      var record = chunk && chunk.papers ? chunk.papers[card.getAttribute("data-paper-id")] : null;
      if (!record) throw new Error("paper not in its chunk");
      return record;
    });
  }

  function fill(card) {
    if (card.__rdFilled) return card.__rdFilled;
    card.__rdFilled = recordOf(card).then(function (record) {
      card.querySelectorAll("details.rd-abstract[data-rd-text]").forEach(function (box) {
        var html = record[box.getAttribute("data-rd-text")];
        var body = box.querySelector(".rd-abstract__text");
        if (html != null && body) body.innerHTML = html; // escaped when the site was built
        box.removeAttribute("data-rd-text");
      });
      var pre = card.querySelector(".rd-bibtex__text");
      if (pre && record.bib) pre.textContent = record.bib;
      card.classList.remove("rd-card--compact");
      card.classList.add("rd-card--filled");
    }, function (error) {
      card.__rdFilled = null; // the link to the full card stays; a later unfolding tries again
      throw error;
    });
    return card.__rdFilled;
  }

  function onToggle(e) {
    var box = e.target;
    if (!box || !box.open || !box.matches || !box.matches("details.rd-abstract, details.rd-bibtex")) return;
    var card = box.closest(".rd-card--compact");
    if (card) fill(card).catch(function () { /* keep the link */ });
  }

  // A copy button on a card not filled yet: fill it, then let digest.js copy.
  function onClick(e) {
    var btn = e.target && e.target.closest ? e.target.closest(".rd-copy-bibtex") : null;
    var card = btn ? btn.closest(".rd-card--compact") : null;
    if (!card) return;
    e.preventDefault();
    e.stopPropagation();
    fill(card).then(function () { btn.click(); }, function () { /* keep the link */ });
  }

  window.rdPaperData = paperData;
  document.addEventListener("toggle", onToggle, true); // toggle does not bubble
  document.addEventListener("click", onClick, true);
})();
