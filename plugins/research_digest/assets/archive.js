/* research-digest: the archive index's "go to date" field. It opens the page of the chosen day,
 * else of its month, else of its year (whichever the archive has). Without JavaScript the field
 * stays hidden and the calendar of months does the job. */
(function () {
  "use strict";

  function exists(url) {
    return fetch(url, { method: "HEAD", credentials: "same-origin" }).then(function (r) { return r.ok; }, function () { return false; });
  }

  function go(form) {
    var value = (form.querySelector(".rd-goto__date") || {}).value || "";
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!parts) return;
    var base = new URL(form.getAttribute("data-archive"), window.location.href);
    var candidates = [parts[1] + "/" + parts[2] + "/" + parts[3] + "/", parts[1] + "/" + parts[2] + "/", parts[1] + "/"];
    (function next(i) {
      if (i >= candidates.length) return;
      var url = new URL(candidates[i], base).href;
      exists(url).then(function (ok) { if (ok) window.location.href = url; else next(i + 1); });
    })(0);
  }

  function onPage() {
    document.querySelectorAll("form.rd-goto").forEach(function (form) {
      form.hidden = false;
      if (form.__rdBound) return;
      form.__rdBound = true;
      form.addEventListener("submit", function (e) { e.preventDefault(); go(form); });
    });
  }

  var doc$ = window.document$;
  if (doc$ && typeof doc$.subscribe === "function") doc$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
