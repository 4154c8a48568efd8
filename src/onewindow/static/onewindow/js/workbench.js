/* Workbench behaviour on top of htmx, no build step.
   - A service error (4xx) comes back with its message in the same page fragment as a success:
     swap it instead of ignoring it, so the reason is always shown where the action was.
   - After an action, move focus to the confirmation (role="status") so keyboard and screen-reader
     users learn what happened without hunting for it. */
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    // A session that ended sends the request to the login page: show that page whole, not inside
    // the case body.
    var url = event.detail.xhr.responseURL || "";
    if (url.indexOf("/accounts/login/") !== -1) {
      event.detail.shouldSwap = false;
      window.location.assign(url);
      return;
    }
    var status = event.detail.xhr.status;
    if (status >= 400 && status < 500 && status !== 401) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    // The swapped-in fragment replaced the old target, so look the new one up in the document.
    var status = document.querySelector("[data-focus-status]");
    if (status) {
      status.removeAttribute("data-focus-status");
      status.focus();
    }
  });
  document.addEventListener("htmx:responseError", function (event) {
    // 5xx or network trouble: say so in the nearest status region rather than failing silently.
    var region = document.querySelector("[role=status]");
    if (region) {
      region.textContent = document.documentElement.lang === "en"
        ? "The server could not complete the action. Please try again."
        : "服务器未能完成操作，请重试。";
    }
  });
}());
