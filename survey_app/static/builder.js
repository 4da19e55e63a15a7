// The questionnaire builder's pages (loaded only there). Everything here only saves a button press:
// without JavaScript the same buttons ("Show the fields for this type", "Show the answers", "Show which
// questions") do it.
(function () {
  "use strict";

  var canFetch = window.fetch && window.DOMParser && window.FormData && window.URLSearchParams;

  // Asks the server, in the background, for the page that pressing `button` would give and puts in only
  // the region `regionId`, so nothing reloads, focus stays where it is and everything typed outside the
  // region stays. A POST form is sent with its fields (the CSRF token included) and the button; a GET form
  // as its query, which then becomes the page's address. The buttons only redraw (they never save), so
  // sending them with fetch changes nothing stored. Only the latest request counts: older ones are
  // cancelled. Returns the function to call on each change; it passes the new region to `done`, or calls
  // `failed` when the server cannot be asked or does not answer.
  function refresher(form, button, regionId, done, failed) {
    var latest = 0;
    var pending = null;
    return function () {
      var asked = ++latest;
      if (!document.getElementById(regionId)) { failed(); return; }
      if (pending) { pending.abort(); }
      pending = window.AbortController ? new AbortController() : null;
      var data = new FormData(form);
      var url = window.location.pathname + window.location.search;
      var request = { method: "POST", credentials: "same-origin", headers: { "X-Refresh-Region": regionId },
                      signal: pending ? pending.signal : undefined };
      if (form.method.toLowerCase() === "get") {
        url = form.action.split("#")[0].split("?")[0] + "?" + new URLSearchParams(data).toString();
        request.method = "GET";
      } else {
        if (button.name) { data.append(button.name, button.value); }
        request.body = data;
      }
      window.fetch(url, request).then(function (response) {
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.text();
      }).then(function (html) {
        if (asked !== latest) { return; }  // a later choice is on its way
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById(regionId);
        var region = document.getElementById(regionId);
        if (!fresh || !region) { throw new Error("no " + regionId); }
        var placed = document.importNode(fresh, true);
        region.replaceWith(placed);
        if (request.method === "GET" && window.history.replaceState) { window.history.replaceState(null, "", url); }
        done(placed);
      }).catch(function (error) {
        if (asked === latest && error.name !== "AbortError") { failed(); }
      });
    };
  }

  function announcer(id) {
    var live = document.getElementById(id);
    return function (words) { if (live) { live.textContent = words; } };
  }

  // A select with data-refresh="<button name>" and data-refresh-region="<id>": changing it puts in the
  // region's fields for the choice. A polite live region (#<select id>-announce) says what appeared.
  // If the request fails the button is shown again, so the worker can still press it.
  var selects = document.querySelectorAll("select[data-refresh][data-refresh-region]");
  Array.prototype.forEach.call(selects, function (select) {
    var form = select.form;
    var button = form && form.querySelector("button[name='" + select.getAttribute("data-refresh") + "']");
    if (!button || !canFetch) { return; }
    var say = announcer(select.id + "-announce");

    function chosenWords() {
      var option = select.options[select.selectedIndex];
      if (!select.value && select.hasAttribute("data-announce-none")) {
        return select.getAttribute("data-announce-none");
      }
      return (select.getAttribute("data-announce") || "{} shown").replace("{}", option ? option.text : "");
    }

    button.hidden = true;
    select.addEventListener("change", refresher(form, button, select.getAttribute("data-refresh-region"),
      function () { say(chosenWords()); },
      function () {
        button.hidden = false;
        say((select.getAttribute("data-announce-failed") || "The fields could not be shown: press “{}”.")
          .replace("{}", button.textContent));
      }));
  });

  // The preview's "pretend answers" panel (form[data-pretend="<region id>"]): each change puts in the
  // list of which questions a young person with those answers would see, and #pretend-announce says the
  // new counts (the region's data-announce).
  var pretend = document.querySelector("form[data-pretend]");
  var show = pretend && pretend.querySelector("button[data-pretend-submit]");
  if (show && canFetch) {
    var say = announcer("pretend-announce");
    show.hidden = true;
    pretend.addEventListener("change", refresher(pretend, show, pretend.getAttribute("data-pretend"),
      function (region) { say(region.getAttribute("data-announce") || ""); },
      function () {
        show.hidden = false;
        say((pretend.getAttribute("data-announce-failed") || "The list could not be updated: press “{}”.")
          .replace("{}", show.textContent));
      }));
  }
}());
