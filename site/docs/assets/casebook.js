/* Casebook filter: narrows the case list on /filter/ from the generated JSON index.
 *
 * The index is compact (ADR 0006): each case is [id, title, organization, year, facet value
 * positions]. The words the text box searches beyond title and organization (aliases, summary,
 * event titles) are in a second file, fetched on the first typed word; until it arrives, typed
 * words match titles and organizations. At most LIMIT results are drawn until asked for all.
 *
 * Every string in the index comes from case files and is untrusted: it reaches the page only
 * through textContent and encodeURIComponent, never innerHTML. The selection lives in the query
 * string (?stage=design&stage=support&text=recall) so a filtered view can be shared; the key
 * "text" avoids "q" and "h", which Material's search reads. Runs on every page load, including
 * Material's instant navigation (document$), and does nothing on pages without the form.
 */
(function () {
  "use strict";

  var TEXT_KEY = "text";
  var LIMIT = 100;
  var PACK = 12;  // render/pack.py MAX_CASES

  function words(value) {
    return value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  }

  // Rows of the compact index become items with facet slugs, a verdict label and a haystack.
  function decode(data) {
    var keys = data.facets.map(function (f) { return f.key; });
    function labels(row, key) {
      var i = keys.indexOf(key);
      return i === -1 ? "" : row[4][i].map(function (n) { return data.facets[i].labels[n]; }).join(", ");
    }
    return data.cases.map(function (row) {
      var facets = {};
      data.facets.forEach(function (facet, i) {
        facets[facet.key] = row[4][i].map(function (n) { return facet.values[n]; });
      });
      var first = labels(row, "first_break");
      return {
        id: row[0], title: row[1], organization: row[2], year: row[3], facets: facets,
        verdict: labels(row, "verdict"), firstBreak: first ? "first broke at " + first.toLocaleLowerCase() : "",
        hay: (row[1] + " " + row[2]).toLocaleLowerCase()
      };
    });
  }

  function readSelection(form) {
    var params = new URLSearchParams(window.location.search);
    form.elements[TEXT_KEY].value = params.get(TEXT_KEY) || "";
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
  }

  function selection(form) {
    var chosen = {};
    form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (chosen[box.name] = chosen[box.name] || []).push(box.value);
    });
    return { text: words(form.elements[TEXT_KEY].value), facets: chosen };
  }

  function writeSelection(form) {
    var params = new URLSearchParams();
    var typed = form.elements[TEXT_KEY].value.trim();
    if (typed) params.append(TEXT_KEY, typed);
    form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      params.append(box.name, box.value);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  // A case matches when every typed word occurs and, for every facet with a ticked value, it has
  // one of them. `skip` leaves one facet out, to count what ticking more of its values would add.
  function matches(item, chosen, skip) {
    for (var i = 0; i < chosen.text.length; i++) {
      if (item.hay.indexOf(chosen.text[i]) === -1) return false;
    }
    for (var key in chosen.facets) {
      if (key === skip) continue;
      var have = item.facets[key] || [];
      if (!chosen.facets[key].some(function (v) { return have.indexOf(v) !== -1; })) return false;
    }
    return true;
  }

  function resultItem(item, casesBase) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = casesBase + encodeURIComponent(item.id) + "/";
    link.textContent = item.title;
    var meta = document.createElement("span");
    meta.className = "cb-result-meta";
    meta.textContent = [String(item.year), item.organization, item.firstBreak, item.verdict].filter(Boolean).join(" · ");
    li.append(link, " ", meta);
    return li;
  }

  // Fetch the searchable words once, on the first typed word, then filter again.
  function loadText(form, data) {
    if (data.text) return;
    data.text = "loading";
    fetch(new URL(form.dataset.text, window.location.href))
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (text) {
        if (text.version !== data.version || text.text.length !== data.cases.length) throw new Error("stale");
        data.cases.forEach(function (item, i) { item.hay += " " + text.text[i].toLocaleLowerCase(); });
        data.text = "loaded";
        update(form, data);
      })
      .catch(function () { data.text = "failed"; update(form, data); });
  }

  function update(form, data) {
    var chosen = selection(form);
    if (chosen.text.length) loadText(form, data);
    var shown = data.cases.filter(function (item) { return matches(item, chosen, null); });
    var list = document.getElementById("cb-results");
    var casesBase = form.dataset.cases || "../cases/";
    var drawn = shown.slice(0, data.limit);
    list.replaceChildren.apply(list, drawn.map(function (item) { return resultItem(item, casesBase); }));
    var more = document.getElementById("cb-more");
    if (more) {
      more.hidden = drawn.length === shown.length;
      more.textContent = "Show all " + shown.length + " cases";
    }
    // A session pack of what is shown (issue 14): at most PACK cases, the first ones listed.
    var pack = document.getElementById("cb-pack-these");
    if (pack) {
      var picked = shown.slice(0, PACK);
      pack.hidden = picked.length === 0 || shown.length === data.cases.length;
      pack.href = "../pack/?cases=" + picked.map(function (item) { return encodeURIComponent(item.id); }).join(",");
      pack.textContent = shown.length > PACK ? "Make a session pack of the first " + PACK : "Make a session pack of these " + (picked.length === 1 ? "one" : picked.length);
    }
    var status = document.getElementById("cb-status");
    status.textContent = shown.length === 1 ? "1 case" : shown.length + " cases";
    if (shown.length < data.cases.length) status.textContent += " of " + data.cases.length;
    if (drawn.length < shown.length) status.textContent += ", the first " + drawn.length + " shown";
    if (chosen.text.length && data.text === "loading") status.textContent += " (words matched in titles and organizations; summaries and events are loading)";
    if (chosen.text.length && data.text === "failed") status.textContent += " (words matched in titles and organizations only)";
    form.querySelectorAll("details.cb-facet").forEach(function (group) {
      var key = group.dataset.facet;
      var pool = data.cases.filter(function (item) { return matches(item, chosen, key); });
      var ticked = 0;
      group.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        var count = pool.filter(function (item) { return (item.facets[key] || []).indexOf(box.value) !== -1; }).length;
        box.closest("label").querySelector(".cb-count").textContent = String(count);
        box.closest("label").classList.toggle("cb-empty", count === 0 && !box.checked);
        if (box.checked) ticked++;
      });
      group.querySelector(".cb-ticked").textContent = ticked ? ticked + " ticked" : "";
    });
  }

  function setup(form, index) {
    var data = { version: index.version, cases: decode(index), limit: LIMIT, text: null };
    readSelection(form);
    form.querySelectorAll("details.cb-facet").forEach(function (group) {
      if (group.querySelector("input:checked")) group.open = true;
    });
    var refresh = function () { data.limit = LIMIT; writeSelection(form); update(form, data); };
    var more = document.getElementById("cb-more");
    if (more) more.addEventListener("click", function () { data.limit = Infinity; update(form, data); });
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(refresh, 0); });
    update(form, data);
  }

  // Chain graphs: say how many events are out of view ("Scroll for 7 more events"), and offer
  // "Full size" and "Full screen". An event counts as out of view unless all of it is in view.
  function setupGraph(figure) {
    if (figure.dataset.ready) return;
    figure.dataset.ready = "1";
    var scroll = figure.querySelector(".cb-graph-scroll");
    var tools = figure.querySelector(".cb-graph-tools");
    if (!scroll || !tools) return;
    var cue = tools.querySelector(".cb-graph-cue");
    var size = tools.querySelector(".cb-graph-size");
    var screen = tools.querySelector(".cb-graph-fullscreen");
    tools.hidden = false;
    function measure() {
      var view = scroll.getBoundingClientRect();
      var right = 0, left = 0;
      scroll.querySelectorAll("a.cb-node").forEach(function (node) {
        var box = node.getBoundingClientRect();
        if (box.right > view.right + 1) right++;
        else if (box.left < view.left - 1) left++;
      });
      var parts = [];
      if (right) parts.push("Scroll right for " + right + " more event" + (right === 1 ? "" : "s") + " \u2192");
      if (left) parts.push("\u2190 " + left + " more to the left");
      var text = parts.join(" \u00b7 ");
      if (cue.textContent !== text) cue.textContent = text;
      var overflow = scroll.scrollWidth > scroll.clientWidth + 1;
      figure.classList.toggle("cb-graph--overflow", overflow);
      size.hidden = !overflow && !figure.classList.contains("cb-graph--full");
    }
    size.addEventListener("click", function () {
      var full = figure.classList.toggle("cb-graph--full");
      size.setAttribute("aria-pressed", full ? "true" : "false");
      size.textContent = full ? "Fit to width" : "Full size";
      measure();
    });
    if (figure.requestFullscreen && document.fullscreenEnabled) {
      screen.addEventListener("click", function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else figure.requestFullscreen();
      });
      document.addEventListener("fullscreenchange", function () {
        screen.textContent = document.fullscreenElement === figure ? "Exit full screen" : "Full screen";
        measure();
      });
    } else {
      screen.hidden = true;
    }
    scroll.addEventListener("scroll", measure, { passive: true });
    window.addEventListener("resize", measure);
    measure();
  }

  // Material's search dialog has role=dialog but no name (axe aria-dialog-name); name it.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  // The perspectives toggle of a case page: show one reading's rings on the chain graph at a time.
  // Without this script the buttons stay hidden and the graph shows every reading.
  function setupViews() {
    document.querySelectorAll(".cb-views").forEach(function (group) {
      if (group.dataset.ready) return;
      group.dataset.ready = "1";
      var figure = group.closest("figure");
      var buttons = group.querySelectorAll("button[data-view]");
      var show = function (view) {
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.view === view)); });
        figure.querySelectorAll("g.cb-view").forEach(function (g) {
          g.classList.toggle("cb-view-off", view !== "all" && g.dataset.view !== view);
        });
        document.querySelectorAll(".cb-reading[data-view]").forEach(function (card) {
          card.classList.toggle("cb-reading--on", card.dataset.view === view);
        });
      };
      buttons.forEach(function (b) {
        b.addEventListener("click", function () { show(b.dataset.view); });
      });
      group.hidden = false;
    });
  }

  function init() {
    nameSearchDialog();
    document.querySelectorAll("figure.cb-graph--chain").forEach(setupGraph);
    setupViews();
    var form = document.getElementById("cb-filter");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var status = document.getElementById("cb-status");
    fetch(new URL(form.dataset.index, window.location.href))
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) { setup(form, data); })
      .catch(function () {
        status.textContent = "The case index could not be loaded; the browse pages list every case.";
      });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
