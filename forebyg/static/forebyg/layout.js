// SPDX-License-Identifier: MPL-2.0
// Progressive enhancement for small screens (issue #15). Without JavaScript the menu stays open
// and wide tables scroll inside their own box; with it the menu folds behind a button and each
// table cell carries its column heading, so a table reads as one card per row on a phone.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var toggle = document.querySelector(".menu-toggle");
  var header = document.querySelector("header.top");
  if (toggle && header) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = header.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  document.querySelectorAll("table").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    if (!heads.length) { return; }
    table.classList.add("stack");
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var i = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        var head = heads[i];
        if (head && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", head.textContent.trim()); }
        i += parseInt(cell.getAttribute("colspan") || "1", 10);
      });
    });
  });
})();
