// The questionnaire builder's pages (loaded only there). Everything here only saves a button press:
// without JavaScript the same buttons ("Show the fields for this type", "Show the answers") do it.
(function () {
  "use strict";

  // A select with data-refresh="<button name>": changing it presses that (hidden) button, so the server
  // redraws the form with the fields for the new choice, keeping everything typed. The page comes back at
  // the select (#its id), which then takes focus again, so keyboard users carry on where they were.
  var selects = document.querySelectorAll("select[data-refresh]");
  Array.prototype.forEach.call(selects, function (select) {
    var form = select.form;
    var button = form && form.querySelector("button[name='" + select.getAttribute("data-refresh") + "']");
    if (!button) { return; }
    button.hidden = true;
    var hint = document.getElementById(select.id + "-refresh-hint");
    if (hint) { hint.hidden = true; }
    select.addEventListener("change", function () {
      form.setAttribute("action", window.location.pathname + window.location.search + "#" + select.id);
      if (form.requestSubmit) { form.requestSubmit(button); } else { button.click(); }
    });
  });

  if (window.location.hash) {
    var back = document.getElementById(window.location.hash.slice(1));
    if (back && back.matches("select[data-refresh]")) { back.focus(); }
  }

  // The preview's "pretend answers" panel: each change shows at once which questions a young person with
  // those answers would see (the panel's "Show which questions" button does it without JavaScript).
  var pretend = document.querySelector("form[data-pretend]");
  if (pretend) {
    var show = pretend.querySelector("button[data-pretend-submit]");
    pretend.addEventListener("change", function (event) {
      var target = event.target;
      pretend.setAttribute("action", window.location.pathname + "#" + (target.id || "pretend"));
      if (pretend.requestSubmit && show) { pretend.requestSubmit(show); } else if (show) { show.click(); }
    });
    if (window.location.hash) {
      var field = document.getElementById(window.location.hash.slice(1));
      if (field && pretend.contains(field)) { field.focus(); }
    }
  }
}());
