/* research-digest: early language choice, inlined into <head> by the template in a
   script element carrying data-default="zh|en|both"; runs before first paint.
   ?lang=zh|en|both (wins, then saved) > localStorage "rd-lang" > data-default > "zh".
   Never throws. NB: this file is inlined, so it must never contain a closing script tag. */
(function () {
  var d = document.documentElement, k = "rd-lang", l, s, m;
  function ok(x) { return x === "zh" || x === "en" || x === "both"; }
  try {
    m = /[?&]lang=(zh|en|both)(?=&|$)/i.exec(location.search);
    l = m && m[1].toLowerCase();
  } catch (e) {}
  if (l) {
    try { localStorage.setItem(k, l); } catch (e) {}
  } else {
    try { l = localStorage.getItem(k); } catch (e) {}
    if (!ok(l)) {
      try { s = document.currentScript; l = s && s.getAttribute("data-default"); } catch (e) {}
      if (!ok(l)) l = "zh";
    }
  }
  try {
    d.setAttribute("data-rd-lang", l);
    d.lang = l === "en" ? "en" : "zh-CN";
  } catch (e) {}
  // the tab title in the chosen language (data-rd-titles: {"tab": [zh, en], ...}); 双语 keeps the
  // served one, which names both
  try {
    s = document.currentScript;
    m = s && JSON.parse(s.getAttribute("data-rd-titles") || "null");
    if (m && m.tab && l !== "both") document.title = m.tab[l === "en" ? 1 : 0] || document.title;
  } catch (e) {}
})();
