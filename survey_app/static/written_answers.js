/* The written answers table: keyboard shortcuts and ticking ranges. Enhancements only: without this
   file every answer is ticked with its own box (or "Select all ... on this page") and the form works. */
(function () {
  "use strict";
  var form = document.getElementById("bulk");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(form.querySelectorAll("[data-row]"));
  var boxes = rows.map(function (row) { return row.querySelector("input[name=answer]"); });
  var all = document.getElementById("all-on-page");
  var counter = document.getElementById("selected-count");
  var current = -1;
  var anchor = -1;  // the last box ticked or unticked by hand: a Shift range starts there

  function ticked() { return boxes.filter(function (box) { return box.checked; }).length; }

  function show() {
    var count = ticked();
    if (all) { all.checked = count === boxes.length && count > 0; }
    if (counter) { counter.textContent = count ? count + (count === 1 ? " answer" : " answers") + " ticked." : ""; }
    rows.forEach(function (row, index) { row.classList.toggle("ticked", boxes[index].checked); });
  }

  function goTo(index) {
    if (!rows.length) { return; }
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("current", i === current); });
    boxes[current].focus();
    rows[current].scrollIntoView({ block: "nearest" });
  }

  function range(to, value) {
    var from = anchor < 0 ? to : anchor;
    var low = Math.min(from, to);
    var high = Math.max(from, to);
    for (var i = low; i <= high; i += 1) { boxes[i].checked = value; }
  }

  boxes.forEach(function (box, index) {
    box.addEventListener("click", function (event) {
      if (event.shiftKey && anchor >= 0) { range(index, box.checked); }
      anchor = index;
      current = index;
      show();
    });
    box.addEventListener("focus", function () {
      current = index;
      rows.forEach(function (row, i) { row.classList.toggle("current", i === current); });
    });
  });

  if (all) {
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
      show();
    });
  }

  function typing(target) {
    var tag = target && target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") { return true; }
    return tag === "INPUT" && !/^(checkbox|radio|submit|button)$/.test(target.type);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var key = event.key;
    if (key === "j" || key === "k") {
      goTo(current < 0 ? 0 : current + (key === "j" ? 1 : -1));
    } else if ((key === "x" || key === "X") && rows.length) {
      if (current < 0) { goTo(0); }
      var value = !boxes[current].checked;
      if (event.shiftKey && anchor >= 0) { range(current, value); } else { boxes[current].checked = value; }
      anchor = current;
      show();
    } else if (key === "a" && all) {
      all.checked = !all.checked;
      all.dispatchEvent(new Event("change"));
    } else if (key === "/") {
      var search = document.getElementById("q");
      if (search) { search.focus(); }
    } else if (key === "t") {
      var theme = form.querySelector("input[name=code]");
      if (theme) { theme.focus(); }
    } else {
      return;
    }
    event.preventDefault();
  });

  show();
}());
