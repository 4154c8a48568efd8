/* The counter and the issuing window: keyboard flow and htmx answers. No build step; kept out of
   the pages so a strict Content-Security-Policy needs no 'unsafe-inline'.
   - 4xx answers (a service's DomainError) are swapped into the page: the server retargets them to
     #action-errors, which gets the focus so the message is read out.
   - After a swap htmx itself focuses the element marked autofocus in the new content (once the
     content is processed, so keys typed then already reach live htmx elements).
   - In a form marked data-enter-moves, Enter moves to the next field instead of submitting.
   - Enter in the item search opens the first result.
   - Alt+key presses the button marked data-key="key" (the outcome buttons).
   - data-all-original ticks "original" for every required material.
   - The issuing window shows the fields of the chosen delivery method. */
(function () {
  "use strict";
  var pickWhenLoaded = false;

  function configure() {
    if (!window.htmx) { return; }
    window.htmx.config.responseHandling = [
      {code: "204", swap: false},
      {code: "[23]..", swap: true},
      {code: "4..", swap: true, error: false},
      {code: "...", swap: false, error: true}
    ];
  }

  function focusables(form) {
    return Array.prototype.filter.call(
      form.querySelectorAll("input, select, textarea, button"),
      function (el) {
        if (el.disabled || el.type === "hidden" || el.offsetParent === null) { return false; }
        // One stop per radio group: the checked one (or the first).
        if (el.type === "radio") {
          var group = form.querySelectorAll('input[type=radio][name="' + el.name + '"]');
          var checked = Array.prototype.filter.call(group, function (r) { return r.checked; })[0];
          return el === (checked || group[0]);
        }
        return true;
      });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing || event.shiftKey || event.ctrlKey || event.altKey) { return; }
    var el = event.target;
    if (el.id === "item-q") {
      // Enter opens the first result of what is typed now; when those results are still on their
      // way (a fast typist), search at once and open the first one when it arrives.
      event.preventDefault();
      var list = document.querySelector("[data-item-results]");
      var first = list && list.getAttribute("data-q") === el.value && list.querySelector("[data-item-pick]");
      if (first) { first.click(); return; }
      pickWhenLoaded = true;
      if (window.htmx) { window.htmx.trigger(el, "pick-search"); } else { el.form.submit(); }
      return;
    }
    var form = el.closest && el.closest("form[data-enter-moves]");
    if (!form || el.tagName === "TEXTAREA" || el.tagName === "BUTTON" || el.type === "submit" || el.type === "file") { return; }
    event.preventDefault();
    var list = focusables(form);
    var i = list.indexOf(el);
    if (el.type === "radio") {
      // From a radio, move past its whole group.
      for (i = i + 1; i < list.length && list[i].name === el.name; i++) { /* skip */ }
      i = i - 1;
    }
    if (i >= 0 && i + 1 < list.length) { list[i + 1].focus(); }
  });

  // Alt+key shortcuts of the outcome buttons (data-key, announced by aria-keyshortcuts). Handled
  // here rather than with accesskey, whose modifier differs between browsers.
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.isComposing || !event.key) { return; }
    var key = event.key.length === 1 ? event.key.toLowerCase() : (event.code || "").replace(/^Key/, "").toLowerCase();
    var target = document.querySelector('[data-key="' + key + '"]');
    if (!target || target.disabled) { return; }
    event.preventDefault();
    target.click();  // a click, so that htmx sends the button's name and value
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-all-original]");
    if (!button) { return; }
    var form = button.closest("form") || document;
    form.querySelectorAll("tr[data-required]").forEach(function (row) {
      var original = row.querySelector('input[type=radio][value="original"]');
      if (original) { original.checked = true; }
    });
  });

  // Issuing window: show the fields of the chosen delivery method only.
  function showMethod(form) {
    var chosen = form.querySelector('input[name=method]:checked');
    form.querySelectorAll(".delivery-fields").forEach(function (box) {
      box.hidden = !chosen || box.getAttribute("data-method") !== chosen.value;
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "method" && event.target.form) { showMethod(event.target.form); }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "action-errors") {
      target.scrollIntoView({block: "nearest"});
      target.focus();
      return;
    }
    var errors = document.getElementById("action-errors");
    // An action that succeeded clears the last error; background reads (ID check, list redraw) do not.
    var verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    if (errors && verb === "post" && event.detail.xhr && event.detail.xhr.status < 400) { errors.textContent = ""; }
  });

  // After settling (htmx has processed the new links): open the first result Enter asked for.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!pickWhenLoaded || !target || target.id !== "item-results") { return; }
    pickWhenLoaded = false;
    var pick = target.querySelector("[data-item-pick]");
    if (pick) { pick.click(); }
  });

  if (window.htmx) { configure(); } else { document.addEventListener("DOMContentLoaded", configure); }
}());
