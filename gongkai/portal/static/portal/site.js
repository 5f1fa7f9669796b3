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
