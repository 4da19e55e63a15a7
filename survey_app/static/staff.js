/* Staff pages only (templates/staff/layout.html). Enhancement: without it, wide tables shrink to fit by
   breaking long words (app.css); with it, a table wider than the page scrolls inside a labelled box that
   takes keyboard focus, and its words stay whole. Nothing else on the page moves sideways. */
(function () {
  "use strict";
  var root = document.documentElement;
  var used = {};
  // The words, in the page's language, come from the script element's data- attributes (layout.html).
  var script = document.currentScript;
  var text = {
    table: (script && script.getAttribute("data-table")) || "Table",
    scroll: (script && script.getAttribute("data-scroll-label")) || "{} (scroll sideways to see all of it)"
  };

  function labelFor(table) {
    var caption = table.querySelector("caption");
    var words = caption ? caption.textContent.trim().replace(/\s+/g, " ") : "";
    if (!words) {
      var heading = null, node = table;
      while (node && !heading) {
        node = node.previousElementSibling || node.parentElement;
        if (node && /^H[1-6]$/.test(node.tagName)) { heading = node; }
        if (node && node.tagName === "MAIN") { break; }
      }
      words = heading ? heading.textContent.trim().replace(/\s+/g, " ") : text.table;
    }
    used[words] = (used[words] || 0) + 1;
    return used[words] > 1 ? words + " (" + used[words] + ")" : words;
  }

  // Tables are measured with their words whole (the "measuring-tables" class); a table that fits that way
  // goes back to breaking words only if the screen later gets narrower than it.
  function wrapWide() {
    root.classList.add("measuring-tables");
    var tables = document.querySelectorAll("main table.table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i], parent = table.parentElement;
      if (parent.classList.contains("table-scroll") || table.offsetWidth <= parent.clientWidth + 1) { continue; }
      var box = document.createElement("div");
      box.className = "table-scroll";
      box.setAttribute("role", "region");
      box.setAttribute("tabindex", "0");
      box.setAttribute("aria-label", text.scroll.replace("{}", labelFor(table)));
      parent.insertBefore(box, table);
      box.appendChild(table);
    }
    root.classList.remove("measuring-tables");
  }

  wrapWide();
  var waiting = null;
  window.addEventListener("resize", function () {
    clearTimeout(waiting);
    waiting = setTimeout(wrapWide, 150);
  });
})();
