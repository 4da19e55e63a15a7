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

  // Read aloud the page's own words: the question, hints and choices, never what the child typed. In the
  // page's language only (the button's data-speech, else <html lang>), with a voice for that language;
  // with none on this phone, say so next to the button (its data-no-voice words) rather than read the
  // page in a voice of another language.
  var button = document.querySelector("[data-read-aloud]");
  if (button && "speechSynthesis" in window && window.SpeechSynthesisUtterance) {
    var message = document.querySelector("[data-read-aloud-message]");
    var speech = button.getAttribute("data-speech") || document.documentElement.lang || "en";
    var voicesChanged = false;
    var tag = function (lang) { return String(lang || "").replace(/_/g, "-").toLowerCase(); };
    var voiceFor = function (voices) {
      var wanted = tag(speech), base = wanted.split("-")[0], fallback = null;
      for (var i = 0; i < voices.length; i++) {
        var lang = tag(voices[i].lang);
        if (lang === wanted) { return voices[i]; }
        if (!fallback && lang.split("-")[0] === base) { fallback = voices[i]; }
      }
      return fallback;
    };
    // Voices arrive after the page loads on many phones: ask for them now, and note when they come.
    var listen = function (synth, handler, on) {
      if (synth.addEventListener) { synth[on ? "addEventListener" : "removeEventListener"]("voiceschanged", handler); }
    };
    listen(window.speechSynthesis, function () { voicesChanged = true; }, true);
    window.speechSynthesis.getVoices();
    var withVoices = function (then) {
      var synth = window.speechSynthesis, voices = synth.getVoices() || [];
      if (voices.length || voicesChanged) { then(voices); return; }
      var done = false;
      var finish = function () {
        if (done) { return; }
        done = true;
        listen(synth, finish, false);
        then(synth.getVoices() || []);
      };
      listen(synth, finish, true);
      window.setTimeout(finish, 1500);
    };
    var say = function (words) {
      if (!message) { return; }
      if (!words) { message.textContent = ""; message.hidden = true; return; }
      message.hidden = false;
      // A moment after it shows, so screen readers announce the words of the live region.
      window.setTimeout(function () { message.textContent = words; }, 50);
    };
    button.hidden = false;
    button.addEventListener("click", function () {
      window.speechSynthesis.cancel();
      withVoices(function (voices) {
        var voice = voiceFor(voices);
        if (!voice) { say(button.getAttribute("data-no-voice") || ""); return; }
        say("");
        var parts = document.querySelectorAll("main [data-read]");
        var nodes = parts.length ? parts : document.querySelectorAll("main h1, main h2, main p, main li");
        var words = [];
        for (var i = 0; i < nodes.length; i++) { words.push(nodes[i].textContent.trim()); }
        var utterance = new window.SpeechSynthesisUtterance(words.join(". "));
        utterance.lang = speech;
        utterance.voice = voice;
        utterance.rate = 0.9;
        window.speechSynthesis.speak(utterance);
      });
    });
  }
})();
