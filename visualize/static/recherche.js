// Client-side search over window.ALINEA_RECHERCHE (recherche-index.js): no server, works from file://.
(function () {
  "use strict";
  var entries = window.ALINEA_RECHERCHE || [];
  var field = document.getElementById("recherche-champ");
  var list = document.getElementById("recherche-resultats");
  if (!field || !list) { return; }
  var root = document.body.getAttribute("data-racine") || "";
  var LIMIT = 12;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  entries.forEach(function (entry) {
    entry.cle = fold([entry.nom, entry.libelle, entry.genre, entry.texte].join(" "));
  });

  function score(entry, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var at = entry.cle.indexOf(words[i]);
      if (at < 0) { return -1; }
      total += at;
    }
    return total + (entry.genre === "conclusion" ? 0 : 50);
  }

  function show() {
    var words = fold(field.value).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { return; }
    var found = entries
      .map(function (entry) { return { entry: entry, score: score(entry, words) }; })
      .filter(function (hit) { return hit.score >= 0; })
      .sort(function (a, b) { return a.score - b.score || a.entry.nom.localeCompare(b.entry.nom); })
      .slice(0, LIMIT);
    if (!found.length) {
      var none = document.createElement("li");
      none.className = "vide";
      none.textContent = "Aucun résultat pour « " + field.value + " ».";
      list.appendChild(none);
      return;
    }
    found.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + hit.entry.url;
      link.textContent = hit.entry.libelle + " — " + hit.entry.genre;
      var name = document.createElement("span");
      name.className = "nom";
      name.textContent = hit.entry.nom;
      link.appendChild(name);
      item.appendChild(link);
      list.appendChild(item);
    });
  }
  field.addEventListener("input", show);
  field.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { field.value = ""; show(); }
    if (event.key === "Enter") {
      var first = list.querySelector("a");
      if (first) { window.location.href = first.href; }
    }
  });
})();
