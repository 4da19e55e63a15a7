/* Enhancements only: everything works without this file. */
(function () {
  "use strict";
  var exitLink = document.querySelector("[data-quick-exit]");

  // Quick exit with the Shift key pressed three times in a row within a second. Any other key
  // starts the count again, so typing capitals (like an access code) never leaves the page.
  var presses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = []; return; }
    if (!exitLink) { return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 1000; });
    presses.push(now);
    if (presses.length >= 3) { document.body.style.display = "none"; window.location.replace(exitLink.href); }
  });
  if (exitLink) {
    exitLink.addEventListener("click", function (event) {
      event.preventDefault();
      document.body.style.display = "none";
      window.location.replace(exitLink.href);  // replace: the survey page leaves the history
    });
  }

  // The error summary takes focus, so screen readers announce it first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // One press of "Send my answers" is enough; the server also ignores a second one.
  var once = document.querySelector("[data-once]");
  if (once && once.form) {
    once.form.addEventListener("submit", function () { once.disabled = true; });
  }

  // "Print my card" (My review card): the browser's print; without JavaScript its Print menu does the same.
  var print = document.querySelector("[data-print]");
  if (print && window.print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }

  // Read aloud the page's own words: the question, hints and choices, never what the child typed.
  var button = document.querySelector("[data-read-aloud]");
  if (button && "speechSynthesis" in window && window.SpeechSynthesisUtterance) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.speechSynthesis.cancel();
      var parts = document.querySelectorAll("main [data-read]");
      var nodes = parts.length ? parts : document.querySelectorAll("main h1, main h2, main p, main li");
      var words = [];
      for (var i = 0; i < nodes.length; i++) { words.push(nodes[i].textContent.trim()); }
      var utterance = new window.SpeechSynthesisUtterance(words.join(". "));
      utterance.lang = "en-GB";
      utterance.rate = 0.9;
      window.speechSynthesis.speak(utterance);
    });
  }
})();
