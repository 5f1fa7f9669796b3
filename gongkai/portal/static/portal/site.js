/* Gongkai: the few behaviours of every page. Everything works without this file; it only improves. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    // Header menu: collapsed behind a button on narrow screens (without JS the menu stays open).
    var button = document.querySelector(".menu-button");
    var nav = document.getElementById("top-nav");
    if (button && nav) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") === "true";
        button.setAttribute("aria-expanded", open ? "false" : "true");
        root.classList.toggle("nav-open", !open);
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && root.classList.contains("nav-open")) {
          root.classList.remove("nav-open");
          button.setAttribute("aria-expanded", "false");
          button.focus();
        }
      });
    }

    // A table (or its wrapper) that scrolls sideways on a narrow screen must be reachable from the
    // keyboard: make every such region focusable and name it after its caption or heading.
    function named(el) {
      var caption = el.querySelector("caption");
      var heading = el.closest("section, article") && el.closest("section, article").querySelector("h2, h3");
      return (caption && caption.textContent.trim()) || (heading && heading.textContent.trim()) || document.title;
    }
    function markScrollable() {
      var candidates = document.querySelectorAll("main .table-scroll, main table, main .charts figure, main [class*='scroll']");
      Array.prototype.forEach.call(candidates, function (el) {
        if (el.hasAttribute("tabindex") || el.scrollWidth <= el.clientWidth + 1) { return; }
        var style = getComputedStyle(el);
        if (["auto", "scroll"].indexOf(style.overflowX) < 0) { return; }
        el.setAttribute("tabindex", "0");
        if (el.tagName !== "TABLE" && !el.getAttribute("role")) { el.setAttribute("role", "region"); }
        if (!el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby")) {
          el.setAttribute("aria-label", named(el).slice(0, 80));
        }
      });
    }
    markScrollable();
    var resizeTimer;
    window.addEventListener("resize", function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(markScrollable, 150); });

    // After a failed submission, move focus to the summary that lists every error.
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        if (!link) { return; }
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (field) { event.preventDefault(); field.focus(); }
      });
    }
  });
})();
