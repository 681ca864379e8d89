// Vikno web chat: posts what the resident writes or presses, shows the
// bot's messages from an event stream. Everything is rendered as text
// nodes: no HTML from anyone reaches the page.
(function () {
  "use strict";
  var en = document.documentElement.lang === "en";
  var T = en ? {
    offline: "Connection lost. Reconnecting…",
    failed: "Could not send. Please try again.",
    tooMany: "Too many messages. Please wait a little.",
    noCookie: "The browser does not keep this chat's cookie here, so the chat cannot work in this frame.",
    openTab: "Open the chat in a new tab",
    tooLong: "The message is too long.",
    tooLongBy: function (n) { return "The message is too long: " + n + " characters, and at most 2000 fit. Please shorten it."; },
    noGeo: "Your browser did not share the location. Please type the address instead.",
    typePhone: "Type your phone number in the field below, e.g. +380 67 123 45 67.",
    photoBig: "The photo is larger than 5 MB. Please choose a smaller one.",
    photoType: "Please attach a photo in JPEG, PNG or WebP.",
    photoBad: "This file could not be read as a photo. Please choose another one.",
    photoSending: "Sending the photo…",
    you: "You", bot: "Vikno", phone: "Phone number…", question: "Type a question…"
  } : {
    offline: "Зв’язок втрачено. Відновлюємо…",
    failed: "Не вдалося надіслати. Спробуйте ще раз.",
    tooMany: "Забагато повідомлень. Зачекайте трохи.",
    noCookie: "Браузер не зберігає тут cookie чату, тому в цьому вікні чат не працює.",
    openTab: "Відкрити чат в окремій вкладці",
    tooLong: "Повідомлення задовге.",
    tooLongBy: function (n) {
      var d = n % 10, h = n % 100;
      var word = d === 1 && h !== 11 ? "символ" : d >= 2 && d <= 4 && (h < 12 || h > 14) ? "символи" : "символів";
      return "Повідомлення задовге: " + n + " " + word + ", а вміщується до 2000. Скоротіть його, будь ласка.";
    },
    noGeo: "Браузер не передав геолокацію. Напишіть, будь ласка, адресу.",
    typePhone: "Введіть номер телефону в полі нижче, наприклад +380 67 123 45 67.",
    photoBig: "Фото більше за 5 МБ. Оберіть, будь ласка, менше.",
    photoType: "Додайте, будь ласка, фото у форматі JPEG, PNG або WebP.",
    photoBad: "Цей файл не вдалося прочитати як фото. Оберіть інший.",
    photoSending: "Надсилаємо фото…",
    you: "Ви", bot: "Вікно", phone: "Номер телефону…", question: "Напишіть запитання…"
  };
  var log = document.getElementById("log");
  var status = document.getElementById("status");
  var form = document.getElementById("form");
  var input = document.getElementById("text");
  var large = document.getElementById("large");
  var attach = document.getElementById("attach");
  var picker = document.getElementById("photo");
  var started = false;

  function say(text) { status.textContent = text || ""; }

  // pinned tells whether the conversation shows its newest message: it
  // stays there when the text grows or the page gets shorter (a phone's
  // on-screen keyboard), unless the resident scrolled back to read.
  // A message that arrives while they read earlier ones does not pull
  // the page away: the «new messages» button (newer) takes them there.
  var pinned = true;
  var newer = document.getElementById("newer");
  function toEnd() { log.scrollTop = log.scrollHeight; pinned = true; newer.hidden = true; }
  log.addEventListener("scroll", function () {
    pinned = log.scrollHeight - log.scrollTop - log.clientHeight < 4;
    if (pinned) { newer.hidden = true; }
  });
  newer.addEventListener("click", function () { toEnd(); log.focus(); });
  if (window.ResizeObserver) {
    new ResizeObserver(function () { if (pinned) { toEnd(); } }).observe(log);
  }

  function newID() {
    var a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // deliver runs request (a fetch) and retries it after a server error or
  // a lost connection; the request carries the same message id each time,
  // so the server handles it once. refused maps a status to what to say.
  function deliver(request, refused, tries) {
    tries = tries || 0;
    function again() {
      return new Promise(function (ok) { setTimeout(ok, 1000 * (tries + 1)); })
        .then(function () { return deliver(request, refused, tries + 1); });
    }
    return request().then(function (r) {
      if (r.status === 202) {
        say("");
        try { sessionStorage.removeItem("vikno-401"); } catch (err) { /* storage refused */ }
        return true;
      }
      if (r.status === 401) { sessionLost(); return false; }
      if (r.status === 429) { say(T.tooMany); return false; }
      if (refused[r.status]) { say(refused[r.status]); return false; }
      if (r.status >= 500 && tries < 3) { return again(); }
      // the server's reason is English, for developers: the console has it
      return r.json().then(function (e) { if (e && e.error) { console.warn("web chat: " + e.error); } say(T.failed); return false; },
        function () { say(T.failed); return false; });
    }, function () {
      if (tries < 3) { return again(); }
      say(T.failed);
      return false;
    });
  }

  // post sends what the resident wrote or pressed: they see it and the
  // answer at the end of the conversation.
  function post(body) {
    toEnd();
    if (!body.id) { body.id = newID(); }
    body.locale = document.documentElement.lang;
    return deliver(function () {
      return fetch("/chat/api/send", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
      });
    }, { 413: T.tooLong });
  }

  var photoTypes = ["image/jpeg", "image/png", "image/webp"];

  // sendPhoto posts a picked photo as the raw body, with its message id.
  function sendPhoto(file) {
    if (photoTypes.indexOf(file.type) < 0) { say(T.photoType); return; }
    if (file.size > 5 * 1024 * 1024) { say(T.photoBig); return; }
    var url = "/chat/api/photo?id=" + newID() + "&locale=" + encodeURIComponent(document.documentElement.lang);
    say(T.photoSending);
    toEnd();
    attach.disabled = true;
    deliver(function () {
      return fetch(url, {
        method: "POST", credentials: "same-origin", headers: { "Content-Type": file.type }, body: file
      });
    }, { 400: T.photoBad, 413: T.photoBig, 415: T.photoType }).then(function () {
      attach.disabled = false;
      attach.focus();
    });
  }

  function spans(parent, list) {
    (list || []).forEach(function (s) {
      var node = document.createTextNode(s.t);
      if (s.u) {
        var a = document.createElement("a");
        a.href = s.u; a.rel = "noopener noreferrer"; a.target = "_blank";
        a.appendChild(node); node = a;
      }
      if (s.b) {
        var b = document.createElement("strong");
        b.appendChild(node); node = b;
      }
      parent.appendChild(node);
    });
  }

  // refocus is set when the focused button was disabled by being pressed:
  // the focus then goes to the next buttons the bot sends, not back to the
  // top of the page (a keyboard or screen-reader user would have to tab
  // through the whole conversation again).
  var refocus = false;

  function disable(box) {
    if (box.contains(document.activeElement)) { refocus = true; }
    Array.prototype.forEach.call(box.querySelectorAll("button"), function (b) { b.disabled = true; });
  }

  function focusFirst(box) {
    var b = box.querySelector("button:not([disabled]), a.btn");
    var a = document.activeElement;
    if (!b || (a && a !== document.body && !a.disabled)) { return; }
    refocus = false;
    b.focus();
  }

  // stepToken is the step token a button's action carries after "~" (""
  // for none): the engine marks the buttons of a form's step with it.
  function stepToken(action) {
    var i = (action || "").lastIndexOf("~");
    return i < 0 ? "" : action.slice(i + 1);
  }

  // retire disables the step buttons of earlier messages that belong to
  // another step than the newest buttons (tokens): pressed, they would only
  // bring the current step back. Menu buttons and buttons of notices carry
  // no token and stay.
  function retire(tokens) {
    Array.prototype.forEach.call(log.querySelectorAll("button[data-tok]"), function (b) {
      if (tokens.indexOf(b.dataset.tok) < 0) { b.disabled = true; }
    });
  }

  function shareLocation(box) {
    if (!navigator.geolocation) { say(T.noGeo); return; }
    navigator.geolocation.getCurrentPosition(function (p) {
      disable(box);
      post({ location: { Lat: p.coords.latitude, Lon: p.coords.longitude } });
    }, function () { say(T.noGeo); input.focus(); }, { timeout: 15000, maximumAge: 60000 });
  }

  function render(m) {
    if (document.getElementById("m" + m.id)) { return; }
    var div = document.createElement("div");
    div.id = "m" + m.id;
    div.className = "msg " + (m.out ? "bot" : "me");
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = (m.out ? T.bot : T.you) + ": ";
    div.appendChild(who);
    if (m.image) {
      var img = document.createElement("img");
      img.src = m.image; img.alt = "";
      div.appendChild(img);
    }
    spans(div, m.text);
    var rows = (m.buttons || []).slice();
    if (m.request === "location") { rows.push([{ l: m.request_label || "📍", geo: true }]); }
    if (m.out && rows.length) {
      retire(rows.reduce(function (all, row) {
        return all.concat(row.map(function (b) { return stepToken(b.a); }));
      }, []));
    }
    var box = null;
    if (rows.length) {
      box = document.createElement("div");
      box.className = "buttons";
      rows.forEach(function (row) {
        var r = document.createElement("div");
        r.className = "row";
        row.forEach(function (b) {
          var el;
          if (b.u) {
            el = document.createElement("a");
            el.className = "btn"; el.href = b.u; el.rel = "noopener noreferrer"; el.target = "_blank";
          } else {
            el = document.createElement("button");
            el.type = "button";
            if (stepToken(b.a)) { el.dataset.tok = stepToken(b.a); }
            el.addEventListener("click", function () {
              if (b.geo) { shareLocation(box); return; }
              disable(box);
              post({ action: b.a, label: b.l });
            });
          }
          el.textContent = b.l;
          r.appendChild(el);
        });
        box.appendChild(r);
      });
      div.appendChild(box);
    }
    if (m.request === "contact") {
      input.placeholder = T.phone;
      say(T.typePhone);
    } else if (m.out) {
      input.placeholder = T.question;
    }
    log.appendChild(div);
    if (pinned) { toEnd(); } else { newer.hidden = false; }
    if (refocus && m.out && box) { focusFirst(box); }
  }

  function begin(count) {
    if (started) { return; }
    started = true;
    var params = new URLSearchParams(location.search);
    var start = params.get("start");
    if (start !== null) {
      params.delete("start");
      var rest = params.toString();
      history.replaceState(null, "", location.pathname + (rest ? "?" + rest : ""));
      post({ begin: true, start: start });
    } else if (count === 0) {
      post({ begin: true, start: "" });
    }
  }

  // lastID is the id of the newest message shown: a stream opened again
  // starts after it. wait is the pause before the next try to open one.
  var lastID = "", wait = 0;

  function connect() {
    var es = new EventSource("/chat/api/events" + (lastID ? "?after=" + encodeURIComponent(lastID) : ""));
    es.addEventListener("message", function (e) {
      if (e.lastEventId) { lastID = e.lastEventId; }
      try { render(JSON.parse(e.data)); } catch (err) { /* a malformed event is skipped */ }
    });
    es.addEventListener("ready", function (e) {
      wait = 0;
      say("");
      var n = 0;
      try { n = JSON.parse(e.data).count; } catch (err) { n = 0; }
      begin(n);
    });
    // The resident chose another language in the conversation: the page
    // comes back in it (the server renders it so), once per language, so
    // that a page the server cannot render so does not reload forever.
    es.addEventListener("lang", function (e) {
      var l = "";
      try { l = JSON.parse(e.data); } catch (err) { return; }
      if ((l !== "uk" && l !== "en") || l === document.documentElement.lang) { return; }
      try {
        if (sessionStorage.getItem("vikno-lang") === l) { return; }
        sessionStorage.setItem("vikno-lang", l);
      } catch (err) { return; }
      location.reload();
    });
    es.onerror = function () {
      if (es.readyState !== EventSource.OPEN) { say(T.offline); }
      // The browser retries a broken stream by itself, but gives up on an
      // answer that is not one (a proxy's 502 while the server restarts,
      // 401 when the chat cookie is gone): the page tries on.
      if (es.readyState === EventSource.CLOSED) { recover(); }
    };
  }

  // recover opens the stream again once the server answers, after a
  // growing pause; 401 means the chat cookie is gone (sessionLost).
  function recover() {
    wait = Math.min(wait ? wait * 2 : 1000, 15000);
    setTimeout(function () {
      var abort = window.AbortController ? new AbortController() : null;
      fetch("/chat/api/events?after=" + encodeURIComponent(lastID || "0"), {
        credentials: "same-origin", signal: abort ? abort.signal : undefined
      }).then(function (r) {
        if (abort) { abort.abort(); }
        if (r.status === 401) { sessionLost(); return; }
        if (r.ok) { connect(); return; }
        recover();
      }, function () { recover(); });
    }, wait);
  }

  // sessionLost reloads the page for a new chat cookie, once: when that
  // does not help, the browser refuses the cookie (the chat framed by a
  // site whose browser blocks third-party cookies) and the resident is
  // offered the chat in a tab of its own instead of a page reloading on.
  function sessionLost() {
    var again = true;
    try {
      again = sessionStorage.getItem("vikno-401") === "1";
      sessionStorage.setItem("vikno-401", "1");
    } catch (err) { /* storage refused too */ }
    if (!again) { location.reload(); return; }
    say(T.noCookie + " ");
    var a = document.createElement("a");
    a.href = "/chat/?lang=" + document.documentElement.lang;
    a.target = "_blank"; a.rel = "noopener";
    a.textContent = T.openTab;
    status.appendChild(a);
  }

  // sending is set while a typed message is on its way: a second press of
  // Enter or «Send» then would post the same text again under a new id.
  var sending = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || sending) { return; }
    // Counted as the server counts (characters, not UTF-16 units); the
    // field has no maxlength, which would cut a pasted text silently.
    var n = Array.from(text).length;
    if (n > 2000) { say(T.tooLongBy(n)); return; }
    sending = true;
    post({ text: text }).then(function (ok) {
      sending = false;
      if (ok && input.value.trim() === text) { input.value = ""; }
    });
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  attach.addEventListener("click", function () { picker.click(); });
  picker.addEventListener("change", function () {
    var file = picker.files && picker.files[0];
    picker.value = "";
    if (file) { sendPhoto(file); }
  });
  function setLarge(on) {
    var keep = pinned;
    document.documentElement.classList.toggle("large", on);
    if (keep) { toEnd(); }
    large.setAttribute("aria-pressed", on ? "true" : "false");
    try { localStorage.setItem("vikno-large", on ? "1" : ""); } catch (err) { /* private mode */ }
  }
  large.addEventListener("click", function () { setLarge(large.getAttribute("aria-pressed") !== "true"); });
  try { if (localStorage.getItem("vikno-large") === "1") { setLarge(true); } } catch (err) { /* private mode */ }
  // In a city site's frame (widget.js) Escape asks the site to close the
  // chat, and the site asks for the focus in the message field on opening.
  if (document.body.classList.contains("embed") && window.parent !== window) {
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !e.defaultPrevented && !e.isComposing) { window.parent.postMessage("vikno:close", "*"); }
    });
    window.addEventListener("message", function (e) {
      if (e.source === window.parent && e.data === "vikno:focus") { input.focus(); }
    });
  }
  connect();
})();
