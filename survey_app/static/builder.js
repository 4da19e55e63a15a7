// The questionnaire builder's pages (loaded only there). Everything here only saves a button press:
// without JavaScript the same buttons ("Show the fields for this type", "Show the answers") do it.
(function () {
  "use strict";

  // A select with data-refresh="<button name>" and data-refresh-region="<id>": changing it asks the server
  // for the same page as that (hidden) button would, in the background, and puts in only the region's
  // fields, so nothing reloads, focus stays on the select and everything typed outside the region stays.
  // The button only redraws the form (it never saves), so sending it with fetch changes nothing stored.
  // A polite live region (#<select id>-announce) says what appeared. If the request fails the button is
  // shown again, so the worker can still press it.
  var selects = document.querySelectorAll("select[data-refresh][data-refresh-region]");
  var canFetch = window.fetch && window.DOMParser && window.FormData;
  Array.prototype.forEach.call(selects, function (select) {
    var form = select.form;
    var button = form && form.querySelector("button[name='" + select.getAttribute("data-refresh") + "']");
    var announce = document.getElementById(select.id + "-announce");
    if (!button || !canFetch) { return; }
    button.hidden = true;
    var latest = 0;
    var pending = null;

    function say(words) {
      if (announce) { announce.textContent = words; }
    }

    function chosenWords() {
      var option = select.options[select.selectedIndex];
      if (!select.value && select.hasAttribute("data-announce-none")) {
        return select.getAttribute("data-announce-none");
      }
      return (select.getAttribute("data-announce") || "{} shown").replace("{}", option ? option.text : "");
    }

    function giveUp() {
      button.hidden = false;
      say("The fields could not be shown: press “" + button.textContent + "”.");
    }

    select.addEventListener("change", function () {
      var asked = ++latest;
      var regionId = select.getAttribute("data-refresh-region");
      if (!document.getElementById(regionId)) { giveUp(); return; }
      if (pending) { pending.abort(); }
      pending = window.AbortController ? new AbortController() : null;
      var data = new FormData(form);
      data.append(button.name, button.value);
      window.fetch(window.location.pathname + window.location.search, {
        method: "POST", body: data, credentials: "same-origin", signal: pending ? pending.signal : undefined
      }).then(function (response) {
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.text();
      }).then(function (html) {
        if (asked !== latest) { return; }  // a later choice is on its way
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById(regionId);
        var region = document.getElementById(regionId);
        if (!fresh || !region) { throw new Error("no " + regionId); }
        region.replaceWith(document.importNode(fresh, true));
        say(chosenWords());
      }).catch(function (error) {
        if (asked === latest && error.name !== "AbortError") { giveUp(); }
      });
    });
  });

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
