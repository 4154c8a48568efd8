/* Large-text toggle (适老化): a class on <html>, remembered in localStorage.
   Loaded in <head> without defer so the remembered size applies before the first paint;
   kept out of the page so a strict Content-Security-Policy needs no 'unsafe-inline'. */
(function () {
  "use strict";
  var KEY = "onewindow.largeText";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  function apply(on) {
    root.classList.toggle("large-text", on);
    var buttons = document.querySelectorAll("[data-large-text-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  apply(stored());

  document.addEventListener("DOMContentLoaded", function () {
    apply(root.classList.contains("large-text"));
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-large-text-toggle]");
      if (!button) { return; }
      var on = !root.classList.contains("large-text");
      apply(on);
      try { window.localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode: not remembered */ }
    });
  });
}());
