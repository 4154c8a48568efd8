/* Citizen side (网上办事大厅): high-contrast and simple modes (适老化), each a class on <html>
   remembered in localStorage and a cookie (so a page could also read it server-side later).
   Loaded in <head> without defer so the remembered modes apply before the first paint; kept out of
   the page so a strict Content-Security-Policy needs no 'unsafe-inline'. */
(function () {
  "use strict";
  var MODES = ["high-contrast", "simple-mode"];
  var root = document.documentElement;

  function key(mode) { return "onewindow." + mode; }

  function stored(mode) {
    try {
      var v = window.localStorage.getItem(key(mode));
      if (v !== null) { return v === "1"; }
    } catch (e) { /* private mode: fall back to the cookie */ }
    return document.cookie.split("; ").indexOf("ow_" + mode + "=1") !== -1;
  }

  function remember(mode, on) {
    try { window.localStorage.setItem(key(mode), on ? "1" : "0"); } catch (e) { /* not remembered */ }
    document.cookie = "ow_" + mode + "=" + (on ? "1" : "0") + "; path=/; max-age=31536000; SameSite=Lax";
  }

  function apply(mode, on) {
    root.classList.toggle(mode, on);
    var buttons = document.querySelectorAll('[data-mode-toggle="' + mode + '"]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  MODES.forEach(function (mode) { apply(mode, stored(mode)); });

  document.addEventListener("DOMContentLoaded", function () {
    MODES.forEach(function (mode) { apply(mode, root.classList.contains(mode)); });
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-mode-toggle]");
      if (!button) { return; }
      var mode = button.getAttribute("data-mode-toggle");
      if (MODES.indexOf(mode) === -1) { return; }
      var on = !root.classList.contains(mode);
      apply(mode, on);
      remember(mode, on);
    });
  });
}());
