/* Casebook search: a dialog over Pagefind's index (ADR 0008), built by `casebook build` into
 * /pagefind/ beside the site. Nothing is fetched from another host.
 *
 * Keyboard: "/" or "s" opens the dialog (outside text fields), arrows move through the results,
 * Enter opens the selected one, Escape closes. Results show the case title, an excerpt around
 * the first match with the matched words marked, and for each event the match is in a link to
 * #event-<id>. Filters (stage, failure mode, sector, ...) narrow the results; each value shows
 * how many results it would leave.
 *
 * Bytes per query (issue 15: at most 300 KB at 10,000 cases; ADR 0008): the filter files are
 * the largest part of the bundle a query could fetch (all eight about 270 KB at 10,000 cases),
 * so they are loaded only when the reader opens "Filters"; a search whose results are no longer
 * wanted (the reader typed on) fetches no fragments.
 *
 * Case text is untrusted: Pagefind gives back the page text unescaped, so every excerpt is built
 * here from text nodes and <mark> elements (never innerHTML), and links come from Pagefind's
 * page URLs under this site. Pagefind needs the site served over HTTP; from file:// the dialog
 * says so and points to the case list, which needs no JavaScript.
 */
(function () {
  "use strict";

  var WINDOW = 24; // words of context around a match
  var SHOWN = 10; // results drawn per query
  var pagefind = null;
  var dialog = null;
  var state = { query: "", filters: {}, run: 0, selected: -1, counts: false, allCounts: null };

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* default */ }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function load() {
    if (pagefind) return pagefind;
    var root = siteRoot();
    pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
      module.options({ baseUrl: root.pathname, excerptLength: WINDOW });
      return module.init().then(function () { return module; });
    });
    return pagefind;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // An excerpt of `content` around the first of `locations` (word positions), marks on those words.
  function excerpt(content, locations) {
    var words = content.split(/\s+/);
    var first = locations.length ? Math.min.apply(null, locations) : 0;
    var start = Math.max(0, first - Math.floor(WINDOW / 3));
    var end = Math.min(words.length, start + WINDOW);
    var marked = {};
    locations.forEach(function (n) { marked[n] = true; });
    var p = el("p", { "class": "cb-search__excerpt" });
    if (start > 0) p.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i++) {
      if (i > start) p.appendChild(document.createTextNode(" "));
      p.appendChild(marked[i] ? el("mark", {}, words[i]) : document.createTextNode(words[i]));
    }
    if (end < words.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function safeUrl(url) {
    var resolved = new URL(url, window.location.href);
    return resolved.origin === window.location.origin ? resolved.href : "#";
  }

  function resultItem(data) {
    var item = el("li", { "class": "cb-search__result" });
    var link = el("a", { href: safeUrl(data.url), "class": "cb-search__title" }, data.meta.title || data.url);
    item.appendChild(link);
    var org = [data.meta.organization, data.meta.year].filter(Boolean).join(" · ");
    if (org) item.appendChild(el("p", { "class": "cb-search__org" }, org));
    item.appendChild(excerpt(data.content, data.locations || []));
    var events = (data.sub_results || []).filter(function (sub) { return /#event-/.test(sub.url); });
    if (events.length) {
      var list = el("ul", { "class": "cb-search__events" });
      events.slice(0, 3).forEach(function (sub) {
        var li = el("li");
        li.appendChild(el("a", { href: safeUrl(sub.url), "class": "cb-search__event" }, sub.title));
        li.appendChild(excerpt(data.content, sub.locations || []));
        list.appendChild(li);
      });
      item.appendChild(list);
    }
    return item;
  }

  function selectedFilters() {
    var out = {};
    Object.keys(state.filters).forEach(function (key) {
      var values = Object.keys(state.filters[key]).filter(function (v) { return state.filters[key][v]; });
      if (values.length) out[key] = { any: values };
    });
    return out;
  }

  function drawFilters(counts) {
    var box = dialog.querySelector(".cb-search__filters");
    box.replaceChildren();
    Object.keys(counts).sort().forEach(function (key) {
      var group = el("fieldset", { "class": "cb-search__filter" });
      group.appendChild(el("legend", {}, key));
      Object.keys(counts[key]).sort().forEach(function (value) {
        var checked = !!(state.filters[key] && state.filters[key][value]);
        if (!counts[key][value] && !checked) return;
        var label = el("label");
        var check = el("input", { type: "checkbox", "data-key": key, "data-value": value });
        check.checked = checked;
        label.appendChild(check);
        label.appendChild(document.createTextNode(" " + value + " "));
        label.appendChild(el("span", { "class": "cb-search__count" }, "(" + counts[key][value] + ")"));
        group.appendChild(label);
      });
      if (group.children.length > 1) box.appendChild(group);
    });
  }

  function select(index) {
    var links = dialog.querySelectorAll(".cb-search__results a");
    if (!links.length) { state.selected = -1; return; }
    state.selected = (index + links.length) % links.length;
    links.forEach(function (a, i) { a.classList.toggle("cb-search__selected", i === state.selected); });
    links[state.selected].scrollIntoView({ block: "nearest" });
  }

  function run() {
    var run = ++state.run;
    var status = dialog.querySelector(".cb-search__status");
    var list = dialog.querySelector(".cb-search__results");
    var filters = selectedFilters();
    var query = state.query.trim() || null;
    load().then(function (pf) {
      // pf.filters() loads every filter file (once); searches then count results by filter value.
      if (state.counts && !state.allCounts) state.allCounts = pf.filters();
      return (state.allCounts || Promise.resolve(null)).then(function (counts) {
        if (run !== state.run) return null;
        if (!query && !Object.keys(filters).length) {
          list.replaceChildren();
          status.textContent = state.counts ? "Type a word, or choose a filter." : "Type a word, or open the filters.";
          if (counts) drawFilters(counts);
          return null;
        }
        return pf.search(query, { filters: filters });
      }).then(function (search) {
        if (!search || run !== state.run) return null; // typed on: no fragments for this one
        return Promise.all(search.results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (items) {
          if (run !== state.run) return;
          list.replaceChildren.apply(list, items.map(resultItem));
          var n = search.results.length;
          status.textContent = n === 0 ? "No case matches." : n + (n === 1 ? " case" : " cases") +
            (n > SHOWN ? ", the first " + SHOWN + " shown" : "");
          if (state.counts) drawFilters(search.filters);
          state.selected = -1;
        });
      });
    }).catch(function () {
      status.textContent = window.location.protocol === "file:"
        ? "Search needs the site served over HTTP (make serve), not opened as files; the case list works without it."
        : "The search index could not be loaded; the case list has every case.";
    });
  }

  function build() {
    dialog = el("dialog", { "class": "cb-search", "aria-label": "Search cases" });
    var form = el("form", { method: "dialog", role: "search" });
    var input = el("input", { type: "search", "class": "cb-search__input", placeholder: "Search cases",
      "aria-label": "Search cases", autocomplete: "off" });
    form.appendChild(input);
    form.appendChild(el("p", { "class": "cb-search__status", role: "status" }));
    form.appendChild(el("ol", { "class": "cb-search__results" }));
    var more = el("details", { "class": "cb-search__more" });
    more.appendChild(el("summary", {}, "Filters"));
    more.appendChild(el("div", { "class": "cb-search__filters" }));
    more.addEventListener("toggle", function () {
      if (!more.open || state.counts) return;
      state.counts = true;
      run();
    });
    form.appendChild(more);
    var list = el("p", { "class": "cb-search__all" });
    list.appendChild(el("a", { href: new URL("cases/", siteRoot()).href }, "All cases"));
    form.appendChild(list);
    dialog.appendChild(form);
    document.body.appendChild(dialog);
    input.addEventListener("input", function () { state.query = input.value; run(); });
    form.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.dataset || !box.dataset.key) return;
      state.filters[box.dataset.key] = state.filters[box.dataset.key] || {};
      state.filters[box.dataset.key][box.dataset.value] = box.checked;
      run();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        select(state.selected + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && state.selected >= 0) {
        event.preventDefault();
        dialog.querySelectorAll(".cb-search__results a")[state.selected].click();
      }
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
      if (event.target.closest && event.target.closest(".cb-search__results a")) dialog.close();
    });
  }

  function open() {
    if (!dialog) build();
    if (!dialog.open) dialog.showModal();
    dialog.querySelector(".cb-search__input").focus();
    run();
  }

  function addButton() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".cb-search-button")) return;
    var button = el("button", { type: "button", "class": "cb-search-button md-header__button",
      "aria-label": "Search cases (/ or s)", title: "Search cases (/ or s)" }, "Search");
    button.addEventListener("click", open);
    header.appendChild(button);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" && event.key !== "s") return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    open();
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(addButton);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButton);
  } else {
    addButton();
  }
})();
