// Filters by severity and rule. The page shows everything without this script; it embeds no
// data and reads only the data-* attributes of the findings.
(function () {
  "use strict";
  var root = document.documentElement;
  root.setAttribute("data-js", "on");
  var form = document.getElementById("filters");
  var findings = document.querySelectorAll(".finding");
  var files = document.querySelectorAll("section.file");
  var shown = document.getElementById("shown");

  function checked(name) {
    var on = {};
    form.querySelectorAll("input[name=" + name + "]").forEach(function (box) {
      on[box.value] = box.checked;
    });
    return on;
  }

  function apply() {
    var severity = checked("severity");
    var rule = checked("rule");
    var n = 0;
    findings.forEach(function (f) {
      var on = severity[f.dataset.severity] !== false && rule[f.dataset.rule] !== false;
      f.hidden = !on;
      if (on) n++;
    });
    files.forEach(function (file) {
      file.hidden = !file.querySelector(".finding:not([hidden])");
    });
    if (shown) shown.textContent = n + " of " + findings.length + " findings shown";
  }

  // Following a link to a rule's page or a file opens the <details> around it.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
  }

  if (form) {
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  }
  window.addEventListener("hashchange", reveal);
  reveal();
  // Print everything, collapsed parts included.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
