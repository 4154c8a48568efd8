/* Display board: a clock, and a spoken announcement (speechSynthesis, zh-CN) of every new call.
   htmx swaps the live fragment every 2 s; each call carries data-call-key, which changes on a
   recall, so a recall is announced again. Browsers only speak after a user gesture: press
   "Voice announcements" once after the board starts (or launch the kiosk browser with autoplay
   allowed). No inline script, so a strict Content-Security-Policy needs no 'unsafe-inline'. */
(function () {
  "use strict";
  var KEY = "onewindow.boardVoice";
  var seen = Object.create(null);
  var voiceOn = false;

  function speak(text) {
    if (!voiceOn || !text || !("speechSynthesis" in window)) { return; }
    for (var i = 0; i < 2; i++) {  // halls repeat each call once
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = "zh-CN";
      utterance.rate = 0.85;
      window.speechSynthesis.speak(utterance);
    }
  }

  function scan(root, announce) {
    var calls = root.querySelectorAll("[data-call-key]");
    // Oldest first, so that two calls in one poll are spoken in the order they were made.
    for (var i = calls.length - 1; i >= 0; i--) {
      var key = calls[i].getAttribute("data-call-key");
      if (seen[key]) { continue; }
      seen[key] = true;
      if (announce) { speak(calls[i].getAttribute("data-spoken")); }
    }
  }

  function setVoice(on, button) {
    voiceOn = on;
    if (button) { button.setAttribute("aria-pressed", on ? "true" : "false"); }
    try { window.localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
  }

  function tick(clock) {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    clock.textContent = pad(now.getHours()) + ":" + pad(now.getMinutes()) + ":" + pad(now.getSeconds());
  }

  document.addEventListener("DOMContentLoaded", function () {
    var live = document.getElementById("board-live");
    if (live) { scan(live, false); }  // calls already on screen are not announced again
    var button = document.querySelector("[data-voice-toggle]");
    var remembered = false;
    try { remembered = window.localStorage.getItem(KEY) === "1"; } catch (e) { remembered = false; }
    setVoice(remembered, button);
    if (button) {
      button.addEventListener("click", function () {
        setVoice(!voiceOn, button);
        if (voiceOn) { speak("语音播报已开启"); }
      });
    }
    var clock = document.querySelector("[data-clock]");
    if (clock) { tick(clock); window.setInterval(function () { tick(clock); }, 1000); }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.id === "board-live") { scan(event.target, true); }
  });
}());
