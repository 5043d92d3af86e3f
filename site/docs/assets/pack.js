/* Session packs (/pack/?cases=a,b,c): several cases on one printable page set.
 *
 * The ids come from the address, so a pack is one link. Each case page is fetched (same origin)
 * and gives its article (the handout) and its JSON record (div.cb-pack-data, data-pack) for
 * the comparison table; the sources of all cases are merged into one list. Case text reaches this page
 * only as our own escaped HTML (the article) or through textContent (the record and the lists).
 * Ids inside each article get the case id as a prefix, so that anchors stay unique in the pack.
 */
(function () {
  "use strict";

  var ID = /^[a-z0-9][a-z0-9-]{0,120}$/;

  function idsFromUrl(max) {
    var params = new URLSearchParams(window.location.search);
    var ids = [];
    params.getAll("cases").join(",").split(",").forEach(function (raw) {
      var id = raw.trim().toLowerCase();
      if (ID.test(id) && ids.indexOf(id) === -1 && ids.length < max) ids.push(id);
    });
    return ids;
  }

  function writeUrl(ids) {
    var query = ids.length ? "?cases=" + ids.map(encodeURIComponent).join(",") : "";
    window.history.replaceState(window.history.state, "", window.location.pathname + query);
    var out = document.getElementById("cb-pack-url");
    if (out) out.textContent = window.location.href;
  }

  function cell(row, value) {
    var td = document.createElement("td");
    td.textContent = Array.isArray(value) ? value.join(", ") : String(value);
    row.appendChild(td);
    return td;
  }

  // Make an article from a case page fit into this page: unique ids, working links, no scripts.
  function adopt(article, id, pageUrl) {
    var prefix = id + "--";
    article.querySelectorAll("script, .md-content__button, .headerlink, .md-source-file").forEach(function (el) { el.remove(); });
    article.querySelectorAll("[id]").forEach(function (el) {
      if (!el.closest("svg")) el.id = prefix + el.id;
    });
    article.querySelectorAll("a[href], a[*|href]").forEach(function (a) {
      var xlink = a.getAttributeNS("http://www.w3.org/1999/xlink", "href");
      var href = a.getAttribute("href") || xlink || "";
      var fixed = href.charAt(0) === "#" ? "#" + prefix + href.slice(1) : new URL(href, pageUrl).href;
      if (a.hasAttribute("href")) a.setAttribute("href", fixed);
      if (xlink !== null) a.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", fixed);
    });
    var heading = article.querySelector("h1");
    if (heading) heading.id = prefix + "top";
    return article;
  }

  function setup(root) {
    var max = parseInt(root.dataset.max, 10) || 12;
    var casesBase = new URL(root.dataset.cases, window.location.href);
    var ids = idsFromUrl(max);
    var status = document.getElementById("cb-pack-status");
    var compare = document.getElementById("cb-pack-compare");
    var tbody = compare.querySelector("tbody");
    var holder = document.getElementById("cb-pack-cases");
    var sourcesBox = document.getElementById("cb-pack-sources");
    var choices = {};

    function load() {
      writeUrl(ids);
      tbody.replaceChildren();
      holder.replaceChildren();
      sourcesBox.querySelector("ol").replaceChildren();
      compare.hidden = sourcesBox.hidden = ids.length === 0;
      if (!ids.length) { status.textContent = "No cases picked yet."; return; }
      status.textContent = "Loading " + ids.length + (ids.length === 1 ? " case…" : " cases…");
      var jobs = ids.map(function (id) {
        var pageUrl = new URL(encodeURIComponent(id) + "/", casesBase).href;
        return fetch(pageUrl)
          .then(function (response) {
            if (!response.ok) throw new Error("HTTP " + response.status);
            return response.text();
          })
          .then(function (html) {
            var doc = new DOMParser().parseFromString(html, "text/html");
            var data = doc.querySelector(".cb-pack-data[data-pack]");
            var article = doc.querySelector("article.md-content__inner");
            if (!data || !article) throw new Error("not a case page");
            return { id: id, url: pageUrl, record: JSON.parse(data.dataset.pack), article: adopt(article, id, pageUrl) };
          })
          .catch(function () { return { id: id, failed: true }; });
      });
      Promise.all(jobs).then(function (loaded) {
        var sources = {};
        var order = [];
        var failed = [];
        loaded.forEach(function (item) {
          if (item.failed) { failed.push(item.id); return; }
          var r = item.record;
          var row = document.createElement("tr");
          var first = document.createElement("td");
          var link = document.createElement("a");
          link.href = "#" + item.id + "--top";
          link.textContent = r.title;
          first.append(link, " (" + r.organization + ", " + r.year + ")");
          row.appendChild(first);
          [r.first_break, r.break_stages, r.failure_modes, r.days_to_first_response, r.verdict].forEach(function (v) { cell(row, v); });
          tbody.appendChild(row);
          var section = document.createElement("section");
          section.className = "cb-pack-case";
          var remove = document.createElement("button");
          remove.type = "button";
          remove.className = "md-button cb-screen-only";
          remove.textContent = "Remove from the pack";
          remove.addEventListener("click", function () { ids = ids.filter(function (x) { return x !== item.id; }); load(); });
          section.append(remove, item.article);
          holder.appendChild(section);
          item.article.querySelectorAll("ol.cb-sources > li").forEach(function (li) {
            var a = li.querySelector("a[href]");
            var key = a ? a.href : li.textContent;
            if (!sources[key]) {
              var copy = li.cloneNode(true);
              copy.querySelectorAll(".cb-source-more, .cb-source-url").forEach(function (el) { el.remove(); });
              sources[key] = { text: copy.textContent.trim(), url: a ? a.href : "", cases: [] };
              order.push(key);
            }
            if (sources[key].cases.indexOf(r.title) === -1) sources[key].cases.push(r.title);
          });
        });
        var list = sourcesBox.querySelector("ol");
        order.forEach(function (key) {
          var s = sources[key];
          var li = document.createElement("li");
          li.append(s.text + " ");
          if (s.url) {
            var url = document.createElement("a");
            url.href = s.url;
            url.className = "cb-pack-url";
            url.textContent = s.url;
            li.append(url);
          }
          var used = document.createElement("span");
          used.className = "cb-pack-used";
          used.textContent = " Cited in: " + s.cases.join("; ") + ".";
          li.append(used);
          list.appendChild(li);
        });
        var shown = loaded.length - failed.length;
        status.textContent = shown + (shown === 1 ? " case" : " cases") + ", " + order.length + " sources";
        if (failed.length) status.textContent += "; not found: " + failed.join(", ");
      });
    }

    // The picker: titles from the filter's index, an id typed by hand works too.
    var index = new URL(root.dataset.index, window.location.href);
    fetch(index).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) return;
      var list = document.getElementById("cb-pack-choices");
      data.cases.forEach(function (row) {
        var name = row[1] + " (" + row[3] + ", " + row[2] + ")";
        choices[name] = row[0];
        var option = document.createElement("option");
        option.value = name;
        list.appendChild(option);
      });
    }).catch(function () {});
    var form = root.querySelector(".cb-pack-add");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var typed = form.querySelector("input").value.trim();
      var id = choices[typed] || typed.toLowerCase();
      if (ID.test(id) && ids.indexOf(id) === -1 && ids.length < max) { ids.push(id); load(); }
      form.querySelector("input").value = "";
    });
    root.querySelector('[data-pack="print"]').addEventListener("click", function () { window.print(); });
    load();
  }

  function init() {
    var root = document.querySelector(".cb-pack");
    if (root && !root.dataset.ready) { root.dataset.ready = "1"; setup(root); }
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
