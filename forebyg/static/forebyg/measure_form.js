// SPDX-License-Identifier: MPL-2.0
// The measure form (issue #15): list only the offers that provide the chosen measure, and only the
// measures of the decision date's law period. Without this script the server does the same checks.
(function () {
  "use strict";
  function setup() {
    var kind = document.getElementById("id_kind");
    var offer = document.getElementById("id_offer");
    var decided = document.getElementById("id_decided_at");
    if (!kind || !offer) { return; }
    function filterOffers() {
      var chosen = kind.value;
      Array.prototype.forEach.call(offer.querySelectorAll("option[data-kind]"), function (o) {
        var show = !chosen || o.getAttribute("data-kind") === chosen;
        o.hidden = !show;
        o.disabled = !show;
        if (!show && o.selected) { offer.value = ""; }
      });
      Array.prototype.forEach.call(offer.querySelectorAll("optgroup"), function (g) {
        g.hidden = !g.querySelector("option:not([hidden])");
      });
    }
    function filterKinds() {
      if (!decided || !decided.value) { return; }
      var law = decided.value.slice(0, 10) >= "2024-01-01" ? "bl_" : "sel_";
      Array.prototype.forEach.call(kind.querySelectorAll("option[value]"), function (o) {
        if (!o.value) { return; }
        var show = o.value.indexOf(law) === 0;
        o.hidden = !show;
        o.disabled = !show;
        if (!show && o.selected) { kind.value = ""; }
      });
      Array.prototype.forEach.call(kind.querySelectorAll("optgroup"), function (g) {
        g.hidden = !g.querySelector("option:not([hidden])");
      });
      filterOffers();
    }
    kind.addEventListener("change", filterOffers);
    if (decided) { decided.addEventListener("change", filterKinds); }
    filterKinds();
    filterOffers();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
