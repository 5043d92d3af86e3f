/* Casebook filter: narrows the case list on /filter/ from the generated JSON index.
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

  function words(value) {
    return value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  }

  function haystack(item) {
    return [item.title, item.organization, item.summary]
      .concat(item.aliases || [], item.events || [])
      .join(" ")
      .toLocaleLowerCase();
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
    meta.textContent = [String(item.year), item.organization, item.verdict].join(" · ");
    var summary = document.createElement("p");
    summary.textContent = item.summary;
    li.append(link, " ", meta, summary);
    return li;
  }

  function update(form, data) {
    var chosen = selection(form);
    var shown = data.cases.filter(function (item) { return matches(item, chosen, null); });
    var list = document.getElementById("cb-results");
    var casesBase = form.dataset.cases || "../cases/";
    list.replaceChildren.apply(list, shown.map(function (item) { return resultItem(item, casesBase); }));
    var status = document.getElementById("cb-status");
    status.textContent = shown.length === 1 ? "1 case" : shown.length + " cases";
    if (shown.length < data.cases.length) status.textContent += " of " + data.cases.length;
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

  function setup(form, data) {
    data.cases.forEach(function (item) { item.hay = haystack(item); });
    readSelection(form);
    form.querySelectorAll("details.cb-facet").forEach(function (group) {
      if (group.querySelector("input:checked")) group.open = true;
    });
    var refresh = function () { writeSelection(form); update(form, data); };
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(refresh, 0); });
    update(form, data);
  }

  // Material's search dialog has role=dialog but no name (axe aria-dialog-name); name it.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  function init() {
    nameSearchDialog();
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
