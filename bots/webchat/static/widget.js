// Vikno chat widget: <script src="https://<vikno>/chat/widget.js" defer></script>
// on a city site adds a button that opens the chat in a frame. The site's
// origin must be in VIKNO_WEBCHAT_ORIGINS for the frame to load. Escape
// closes the chat (from inside it too: the chat page asks by a message)
// and gives the focus back to the button.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) { return; }
  var base = new URL(me.src).origin;
  var en = (document.documentElement.lang || "").slice(0, 2) === "en";
  var open = false, frame = null;
  var btn = document.createElement("button");
  btn.type = "button";
  var label = en ? ["Chat with the city", "Close the chat"] : ["Чат з містом", "Закрити чат"];
  btn.textContent = label[0];
  btn.setAttribute("aria-expanded", "false");
  btn.setAttribute("aria-controls", "vikno-chat-frame");
  btn.style.cssText = "position:fixed;right:16px;bottom:16px;z-index:2147483000;min-height:48px;padding:0 18px;" +
    "border:0;border-radius:24px;background:#0b57d0;color:#fff;font:16px system-ui,sans-serif;cursor:pointer;";

  // focusChat asks the chat page to put the focus in its message field.
  function focusChat() {
    frame.focus();
    if (frame.contentWindow) { frame.contentWindow.postMessage("vikno:focus", base); }
  }
  function show(on) {
    open = on;
    btn.setAttribute("aria-expanded", open ? "true" : "false");
    btn.textContent = label[open ? 1 : 0];
    if (!frame) {
      frame = document.createElement("iframe");
      frame.id = "vikno-chat-frame";
      frame.src = base + "/chat/?embed=1&lang=" + (en ? "en" : "uk");
      frame.title = en ? "City chat" : "Чат з містом";
      frame.style.cssText = "position:fixed;right:16px;bottom:76px;z-index:2147483000;width:min(400px,calc(100vw - 32px));" +
        "height:min(600px,calc(100vh - 100px));border:1px solid #767676;border-radius:12px;background:#fff;";
      frame.addEventListener("load", function () { if (open) { focusChat(); } });
      document.body.appendChild(frame);
    }
    frame.style.display = open ? "block" : "none";
    if (open) { focusChat(); } else { btn.focus(); }
  }
  btn.addEventListener("click", function () { show(!open); });
  document.addEventListener("keydown", function (e) {
    if (open && e.key === "Escape" && !e.defaultPrevented) { show(false); }
  });
  window.addEventListener("message", function (e) {
    if (open && frame && e.origin === base && e.source === frame.contentWindow && e.data === "vikno:close") { show(false); }
  });
  document.body.appendChild(btn);
})();
