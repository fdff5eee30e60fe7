// The language picker's search box: shown only when this runs; filters the language
// checkboxes by any name (translated or the language's own) or code. Ticked languages stay.
(function () {
  "use strict";
  function normal(text) {
    return (text || "").toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function setUp(picker) {
    if (picker.dataset.ready) return;
    picker.dataset.ready = "1";
    var box = picker.querySelector(".language-picker__search");
    var search = picker.querySelector("[data-language-search]");
    var count = picker.querySelector("[data-language-count]");
    var options = Array.prototype.slice.call(picker.querySelectorAll("input[type=checkbox]"));
    if (!box || !search) return;
    box.hidden = false;
    search.addEventListener("input", function () {
      var query = normal(search.value.trim());
      var shown = 0;
      options.forEach(function (input) {
        var label = input.closest("label") || input.parentNode;
        var row = label.parentNode && label.parentNode.tagName === "DIV" ? label.parentNode : label;
        var match = !query || input.checked || normal(label.textContent + " " + input.value).indexOf(query) !== -1;
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (count) count.textContent = query ? (count.dataset.template || "%s").replace("%s", shown) : "";
    });
  }
  function all() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-language-picker]"), setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();
