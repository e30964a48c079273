// Client-side search over window.KG_SEARCH (written by kg into search-index.js);
// nothing is fetched, so the site works from disk (file://) as well as over HTTP.
(function () {
  var input = document.getElementById("search");
  var list = document.getElementById("results");
  function fold(text) { return text.toLowerCase().normalize("NFC"); }
  function show() {
    var query = fold(input.value.trim());
    list.textContent = "";
    if (query.length < 2) { return; }
    var shown = 0;
    for (var i = 0; i < window.KG_SEARCH.length && shown < 50; i++) {
      var entry = window.KG_SEARCH[i];
      if (fold(entry.text).indexOf(query) === -1) { continue; }
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.url;
      link.textContent = entry.label;
      var kind = document.createElement("span");
      kind.className = "tag";
      kind.textContent = entry.kind;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(kind);
      list.appendChild(item);
      shown++;
    }
  }
  input.addEventListener("input", show);
  show();
})();
