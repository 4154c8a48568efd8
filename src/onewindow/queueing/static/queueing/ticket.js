/* Ticket page: print on arrival from the kiosk (?print=1), then go back to the kiosk after a while
   (the next person should find the kiosk, not this ticket); print again from the Print button. */
(function () {
  "use strict";
  var RETURN_AFTER_MS = 20000;
  document.addEventListener("DOMContentLoaded", function () {
    if (document.body.getAttribute("data-autoprint") === "1") {
      window.print();
      var back = document.querySelector("[data-return]");
      if (back) { window.setTimeout(function () { window.location.assign(back.href); }, RETURN_AFTER_MS); }
    }
    var button = document.querySelector("[data-print]");
    if (button) { button.addEventListener("click", function () { window.print(); }); }
  });
}());
