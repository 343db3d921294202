// Reader view: a click on a highlighted number selects its fact(s) in the side panel, a click on a fact
// in the panel scrolls to its number in the text. No framework, no network.
(function () {
  "use strict";
  var text = document.getElementById("text"), panel = document.getElementById("panel");
  if (!text || !panel) return;
  function clear() {
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
  }
  function marksOf(start) {
    var first = document.getElementById("at-" + start);
    var out = [];
    if (!first) return out;
    var ids = first.dataset.facts.split(" ");
    text.querySelectorAll("mark.fact").forEach(function (m) {
      var f = m.dataset.facts.split(" ");
      if (ids.some(function (i) { return f.indexOf(i) >= 0; })) out.push(m);
    });
    return out;
  }
  function select(mark, scrollText) {
    clear();
    var ids = mark.dataset.facts.split(" ");
    ids.forEach(function (i) {
      var item = document.getElementById("fact-" + i);
      if (!item) return;
      item.classList.add("selected");
      marksOf(item.dataset.start).forEach(function (m) { m.classList.add("selected"); });
    });
    var item = document.getElementById("fact-" + ids[0]);
    if (item) {  // scroll the panel (not the page) to the fact
      var top = item.offsetTop - panel.offsetTop - panel.clientHeight / 3;
      if (panel.scrollHeight > panel.clientHeight) panel.scrollTo({ top: top, behavior: "smooth" });
    }
    if (scrollText) mark.scrollIntoView({ block: "center" });
  }
  text.addEventListener("click", function (e) {
    var mark = e.target.closest("mark.fact");
    if (mark) select(mark, false);
  });
  text.addEventListener("keydown", function (e) {
    var mark = e.target.closest("mark.fact");
    if (mark && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); select(mark, false); }
  });
  panel.addEventListener("click", function (e) {
    var item = e.target.closest("li.fact-item");
    if (!item) return;
    e.preventDefault();
    var mark = document.getElementById("at-" + item.dataset.start);
    if (mark) {
      select(mark, true);
      history.replaceState(null, "", "#at-" + item.dataset.start);
    }
  });
  function fromHash() {
    var m = /^#at-(\d+)$/.exec(location.hash);
    var mark = m && document.getElementById("at-" + m[1]);
    if (mark) select(mark, true);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
