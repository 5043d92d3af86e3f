/* Tabletop mode (/cases/<id>/tabletop/): one slide at a time, its answer folded until revealed.
 *
 * Keys: → ↓ space PageDown = reveal, then next step; ← ↑ PageUp = back; Home/End; F = full screen.
 * Presentation clickers send PageDown/PageUp (or the arrows), so they drive it too. The step is
 * kept in the address (#step-N) so a reload or a shared link opens the same slide. Without this
 * script the page still works: every slide in a column, each answer in a <details>.
 * Runs on every page load, including Material's instant navigation, and does nothing elsewhere.
 */
(function () {
  "use strict";

  var NEXT = ["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar"];
  var BACK = ["ArrowLeft", "ArrowUp", "PageUp"];
  var active = null;

  function setup(deck) {
    var slides = Array.prototype.slice.call(deck.querySelectorAll(".cb-tt-slide"));
    if (!slides.length) return null;
    var controls = deck.querySelector(".cb-tt-controls");
    var nextButton = deck.querySelector('[data-tt="next"]');
    var current = 0;
    var found = /^#step-(\d+)$/.exec(window.location.hash);
    if (found) current = Math.min(Math.max(parseInt(found[1], 10) - 1, 0), slides.length - 1);

    function reveal(slide) { return slide.querySelector("details.cb-tt-reveal"); }

    function show(index, opened, keep) {
      current = index;
      slides.forEach(function (slide, i) {
        slide.hidden = i !== index;
        var answer = reveal(slide);
        if (answer && i === index) answer.open = Boolean(opened);
      });
      label();
      // The first showing leaves the address alone: a #step-1 written while the page loads makes
      // the browser scroll to that slide when loading ends, hiding the title on a phone.
      if (keep) return;
      var url = window.location.pathname + window.location.search + "#step-" + (index + 1);
      window.history.replaceState(window.history.state, "", url);
    }

    function label() {
      var answer = reveal(slides[current]);
      var last = current === slides.length - 1;
      nextButton.textContent = answer && !answer.open ? "Reveal" : last ? "The end" : "Next step →";
      nextButton.disabled = Boolean(last && answer && answer.open);
    }

    function next() {
      var answer = reveal(slides[current]);
      if (answer && !answer.open) { answer.open = true; label(); return; }
      if (current < slides.length - 1) show(current + 1, false);
    }

    function back() {
      var answer = reveal(slides[current]);
      if (answer && answer.open) { answer.open = false; label(); return; }
      if (current > 0) show(current - 1, true);
    }

    function full() {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (deck.requestFullscreen) deck.requestFullscreen();
    }

    function onKey(event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var target = event.target;
      if (target && target.closest && target.closest("input, textarea, select, .md-search")) return;
      // Space or Enter on a focused control is that control's click.
      if (target && target.closest && target.closest(".cb-tt-controls button, summary") && (event.key === " " || event.key === "Enter")) return;
      var key = event.key;
      if (NEXT.indexOf(key) !== -1) next();
      else if (BACK.indexOf(key) !== -1) back();
      else if (key === "Home") show(0, false);
      else if (key === "End") show(slides.length - 1, false);
      else if (key === "f" || key === "F") full();
      else return;
      // Material binds F, S and / to its search box; the deck keeps its keys.
      event.preventDefault();
      event.stopImmediatePropagation();
    }

    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var action = button.getAttribute("data-tt");
      if (action === "next") next();
      else if (action === "prev") back();
      else if (action === "full") full();
    });
    slides.forEach(function (slide) {
      var answer = reveal(slide);
      if (answer) answer.addEventListener("toggle", label);
    });
    deck.classList.add("cb-tt-deck");
    show(current, false, true);
    window.addEventListener("keydown", onKey, true);
    return function () { window.removeEventListener("keydown", onKey, true); };
  }

  function init() {
    if (active) { active(); active = null; }
    var deck = document.querySelector(".cb-tabletop");
    if (deck) active = setup(deck);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
