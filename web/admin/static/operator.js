// The operators' pages: the queue looks for changes every few seconds and
// reloads only when there are some; a conversation asks for new messages
// every two seconds and shows them as text (never as HTML), and reloads
// when its status changes.
(function () {
  "use strict";
  var queue = document.getElementById("handoff-queue");
  if (queue) {
    var check = function () {
      fetch(location.pathname, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) {
          var now = new DOMParser().parseFromString(html, "text/html").getElementById("handoff-queue");
          if (now && now.dataset.version !== queue.dataset.version) {
            location.reload();
            return;
          }
          setTimeout(check, 4000);
        })
        .catch(function () { setTimeout(check, 4000); });
    };
    setTimeout(check, 4000);
    return;
  }
  var log = document.getElementById("handoff-log");
  if (!log || log.dataset.status === "closed") return;
  var after = log.dataset.after || "0";
  function add(m) {
    var li = document.createElement("li");
    li.className = "from-" + m.author;
    var who = document.createElement("b");
    who.textContent = m.author === "operator" ? m.name : log.dataset.resident;
    var at = document.createElement("small");
    at.textContent = " " + m.at;
    var text = document.createElement("div");
    text.className = "text";
    text.textContent = m.text;
    li.appendChild(who);
    li.appendChild(at);
    li.appendChild(text);
    log.appendChild(li);
    after = String(m.id);
  }
  function poll() {
    fetch("/admin/operators/" + log.dataset.id + "/messages?after=" + after, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d) return;
        d.messages.forEach(add);
        if (d.status !== log.dataset.status) {
          var box = document.getElementById("text");
          if (!box || box.value === "") location.reload();
        }
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 2000);
})();
