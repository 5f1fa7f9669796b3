// "打印回执" buttons (data-print): no inline handlers, so the Content-Security-Policy can forbid inline script.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
});
