// Live preview of the report SMS while the citizen types. Optional: the form
// works the same without it. The server composes (same rules as the receipt),
// so the preview is never different from what gets sent.
(function () {
  "use strict";
  var form = document.querySelector("form[data-compose-url]");
  var box = document.getElementById("sms-preview");
  if (!form || !box || !window.fetch || !window.URLSearchParams) return;
  var out = {
    sms: box.querySelector('[data-preview="sms"]'),
    parts: box.querySelector('[data-preview="parts"]'),
    error: box.querySelector('[data-preview="error"]')
  };
  var timer = null;
  var latest = 0;

  function value(name) {
    var field = form.elements[name];
    if (!field) return "";
    if (field.length !== undefined && field.tagName !== "SELECT" && field.tagName !== "TEXTAREA") {
      for (var i = 0; i < field.length; i++) if (field[i].checked) return field[i].value;
      return "";
    }
    return field.value || "";
  }

  function partsText(data) {
    var lang = document.documentElement.lang;
    var label = lang === "en" ? " SMS" : " tin nhắn";
    var text = data.parts.sms + label + " (" + data.encoding.sms + ")";
    if (data.sms_ascii !== data.sms) {
      text += (lang === "en" ? "; without diacritics: " : "; không dấu: ") +
        data.parts.sms_ascii + label + " (" + data.encoding.sms_ascii + ")";
    }
    return text;
  }

  function update() {
    var kind = value("kind"), source = value("source"), content = value("content");
    if (!kind || !source.trim() || !content.trim()) { box.hidden = true; return; }
    var ticket = ++latest;
    // POST, not a query string: what the citizen types, before they even decide
    // to send it, must not end up in a URL (proxies and access logs keep those).
    // Accept-Language: the messages in the page's language, not the phone's.
    fetch(form.getAttribute("data-compose-url"), {
      method: "POST",
      body: new URLSearchParams({ kind: kind, source: source, content: content }),
      headers: {
        Accept: "application/json",
        "Accept-Language": document.documentElement.lang || "vi"
      },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json();
    }).then(function (data) {
      if (ticket !== latest) return; // an older answer arriving late
      box.hidden = false;
      if (data.errors) {
        out.sms.textContent = "";
        out.parts.textContent = "";
        var messages = [];
        for (var key in data.errors) messages = messages.concat(data.errors[key]);
        out.error.textContent = messages.join(" ");
      } else {
        out.error.textContent = "";
        out.sms.textContent = data.sms;
        out.parts.textContent = partsText(data);
      }
    }).catch(function () { box.hidden = true; });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 300);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  update();
})();

// Evidence files: warn before sending what the server would refuse unread (too
// many files, a file over the limit), so the citizen keeps everything typed.
// Without JavaScript the server still refuses, with the same limits.
(function () {
  "use strict";
  var form = document.querySelector("form[data-max-files]");
  var input = form && form.querySelector('input[type="file"]');
  if (!input || !input.files) return;
  var note = document.createElement("p");
  note.id = "evidence-check";
  note.className = "text-danger small mt-1";
  note.setAttribute("role", "alert");
  note.hidden = true;
  input.insertAdjacentElement("afterend", note);

  function problem() {
    var files = input.files;
    if (files.length > Number(form.getAttribute("data-max-files"))) {
      return form.getAttribute("data-too-many-files");
    }
    for (var i = 0; i < files.length; i++) {
      if (files[i].size > Number(form.getAttribute("data-max-size"))) {
        return form.getAttribute("data-file-too-big").replace("{name}", files[i].name);
      }
    }
    return "";
  }

  function show() {
    var text = problem();
    note.textContent = text;
    note.hidden = !text;
    if (text) input.setAttribute("aria-describedby", note.id);
    return text;
  }

  input.addEventListener("change", show);
  form.addEventListener("submit", function (event) {
    if (show()) {
      event.preventDefault();
      input.focus();
    }
  });
})();
