// Reader view: a click on a highlighted number selects its fact(s) in the side panel, a click on a fact
// in the panel (or a link from another page, #at-<start>) scrolls the text so that the fact's whole
// sentence is in the middle of the screen, and marks the sentence. No framework, no network.
(function () {
  "use strict";
  var text = document.getElementById("text"), panel = document.getElementById("panel");
  if (!text || !panel) return;
  var sentenceMark = null;
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
  // a DOM range over characters [a, b) of the text (the article's text is the document's text)
  function rangeOf(a, b) {
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT), node, at = 0;
    var range = document.createRange(), started = false;
    while ((node = walker.nextNode())) {
      var len = node.data.length;
      if (!started && a <= at + len) { range.setStart(node, Math.max(0, a - at)); started = true; }
      if (started && b <= at + len) { range.setEnd(node, Math.max(0, b - at)); return range; }
      at += len;
    }
    return started ? range : null;
  }
  function markSentence(item) {
    var a = parseInt(item.dataset.sentenceStart, 10), b = parseInt(item.dataset.sentenceEnd, 10);
    if (isNaN(a) || isNaN(b) || b <= a) return null;
    var range = rangeOf(a, b);
    if (!range) return null;
    if (window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set("sentence", new Highlight(range));
    }
    text.dataset.sentence = a + "-" + b;
    sentenceMark = range;
    text.sentenceRange = range;  // for the browser tests: where the marked sentence is
    return range;
  }
  function centre(range, fallback) {
    var box = range ? range.getBoundingClientRect() : fallback.getBoundingClientRect();
    var visible = window.innerHeight;
    if (window.matchMedia("(max-width: 820px)").matches) visible = panel.getBoundingClientRect().top;  // above the sheet
    var top = window.scrollY + box.top - Math.max(8, (visible - box.height) / 2);
    window.scrollTo({ top: Math.max(0, top), behavior: "instant" });
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
    var range = item ? markSentence(item) : null;
    if (item) {  // scroll the panel (not the page) to the fact
      var top = item.offsetTop - panel.offsetTop - panel.clientHeight / 3;
      if (panel.scrollHeight > panel.clientHeight) panel.scrollTo({ top: top, behavior: "instant" });
    }
    if (scrollText) centre(range, mark);
    text.dispatchEvent(new CustomEvent("fact-selected", { detail: { start: mark.dataset.start } }));
    document.body.dataset.selected = mark.dataset.start;
  }
  text.addEventListener("click", function (e) {
    var mark = e.target.closest("mark.fact");
    if (mark) select(mark, false);
  });
  panel.addEventListener("click", function (e) {
    var item = e.target.closest("li.fact-item");
    if (!item || e.target.closest("a.permalink")) return;
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
  // a turned phone or a resized window: the marked sentence stays in the middle
  var pending = false;
  window.addEventListener("resize", function () {
    if (pending || !sentenceMark) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; centre(sentenceMark, text); });
  });
  // the browser scrolls a #fragment to the top edge once the page has loaded: centre it after that
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";
  if (document.readyState === "complete") fromHash();
  else window.addEventListener("load", function () { requestAnimationFrame(fromHash); });
})();
