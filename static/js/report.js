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
    error: box.querySelector('[data-preview="error"]'),
    // A number that looks mistyped (a landline without its area code...): said
    // while typing, never refused; the page without JavaScript asks once instead.
    warning: box.querySelector('[data-preview="warning"]')
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

  // The province's slug, once its name is one of the suggestions: a landline's
  // warning then names that province's area code. Half-typed, it is left out.
  function province() {
    var field = form.elements.province;
    var list = field && field.list;
    if (!list) return "";
    var typed = field.value.trim();
    for (var i = 0; i < list.options.length; i++) {
      if (list.options[i].value === typed) return list.options[i].getAttribute("data-slug") || "";
    }
    return "";
  }

  function confirmSource(normal) {
    var field = form.querySelector('input[name="source_confirmed"]');
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "source_confirmed";
      form.appendChild(field);
    }
    field.value = normal;
  }

  // The keyword the server derives from the two plain questions (reports/channels.py);
  // anything it would refuse (spam by Zalo...) shows no preview, the server says why.
  function kindFromAnswers() {
    var channel = value("channel"), scam = value("scam");
    if (scam === "1") return "LD";
    if (scam === "0" && channel === "call") return "V";
    if (scam === "0" && channel === "sms") return "S";
    return "";
  }

  function update() {
    var kind = value("kind") || kindFromAnswers();
    var source = value("source"), content = value("content");
    if (!kind || !source.trim() || !content.trim()) { box.hidden = true; return; }
    var ticket = ++latest;
    // POST, not a query string: what the citizen types, before they even decide
    // to send it, must not end up in a URL (proxies and access logs keep those).
    // Accept-Language: the messages in the page's language, not the phone's.
    var params = { kind: kind, source: source, content: content };
    var chosen = province();
    if (chosen) params.province = chosen;
    fetch(form.getAttribute("data-compose-url"), {
      method: "POST",
      body: new URLSearchParams(params),
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
      if (out.warning) {
        var warned = data.warnings && data.warnings.source;
        out.warning.textContent = warned ? warned.join(" ") : "";
        // Seen here, so the server need not ask again before filing this number.
        if (warned) confirmSource(data.source);
      }
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

// Sending: once, with screenshots no larger than they need to be. Optional too:
// without JavaScript the server files a page sent twice once (its one-time key,
// reports/submissions.py) and re-encodes every image itself, with the same limits.
//
// - Too many files, or a file over the size limit: the page says so before
//   sending what the server would refuse unread, so the citizen keeps
//   everything typed.
// - An image (JPEG, PNG, WebP) of more pixels than data-max-pixels (a phone's
//   screen, 1080 × 2460: what the server keeps pixel for pixel; a larger one it
//   turns into a JPEG anyway) is scaled down to that many and sent as a JPEG
//   (quality 0.85) when that is smaller, else as a PNG when that is: a
//   3000 × 6000 capture of a chat is then a few hundred KB, not megabytes of
//   mobile data, and fits the server's PNG limit. Recordings are sent as they
//   are, and so is any file that could not be read: the server decides.
// - The button says "Đang gửi…" (data-sending-label, in the page's language)
//   and takes no second tap; it comes back when Back restores the page from
//   the browser's memory (pageshow, persisted). Back to a page the browser
//   loads anew sends it with the key it was first sent with.
(function () {
  "use strict";
  var form = document.querySelector("form[data-max-files]");
  if (!form) return;
  var input = form.querySelector('input[type="file"]');
  var button = form.querySelector("button[data-sending-label]");
  var label = button ? button.textContent : "";
  var sending = false;
  var pending = null; // the chosen images being scaled down: a Promise
  var waiting = false; // a tap is waiting for them
  var maxFiles = Number(form.getAttribute("data-max-files"));
  var maxSize = Number(form.getAttribute("data-max-size"));
  var maxPixels = Number(form.getAttribute("data-max-pixels")) || 0;
  var IMAGE = /^image\/(jpeg|png|webp)$/;
  var canScale = !!(input && input.files && maxPixels && window.Promise && window.createImageBitmap &&
    window.DataTransfer && window.File && window.HTMLCanvasElement &&
    HTMLCanvasElement.prototype.toBlob);

  var stalled = null;
  // The key this page was sent with is kept in its history entry: Back, when the
  // browser has not kept the page itself (bfcache), loads it anew with a new key,
  // and sending it again must still be a resend of the first report.
  var keyField = form.querySelector('input[name="submission_key"]');
  var history = window.history;
  var sentKey = history && history.state && history.state.submissionKey;
  if (keyField && sentKey) keyField.value = sentKey;

  function keepKey() {
    if (!keyField || !history || !history.replaceState) return;
    var state = {};
    var old = history.state || {};
    for (var name in old) if (Object.prototype.hasOwnProperty.call(old, name)) state[name] = old[name];
    state.submissionKey = keyField.value;
    try { history.replaceState(state, ""); } catch (error) { /* no history: no harm */ }
  }

  function hold() {
    sending = true;
    keepKey();
    // A send that seems stuck (a train in a tunnel) may be tapped again after a
    // while: the page's key makes the server file it once whatever happens.
    stalled = window.setTimeout(release, 20000);
    if (!button) return;
    button.disabled = true;
    button.textContent = button.getAttribute("data-sending-label");
  }

  function release() {
    window.clearTimeout(stalled);
    sending = false;
    if (!button) return;
    button.disabled = false;
    button.textContent = label;
  }

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) release();
  });

  var note = null;
  if (input && input.files) {
    note = document.createElement("p");
    note.id = "evidence-check";
    note.className = "text-danger small mt-1";
    note.setAttribute("role", "alert");
    note.hidden = true;
    input.insertAdjacentElement("afterend", note);
  }

  // `scaling`: images about to be scaled down are not judged by their size yet.
  function problem(scaling) {
    var files = input.files;
    if (files.length > maxFiles) return form.getAttribute("data-too-many-files");
    for (var i = 0; i < files.length; i++) {
      if (scaling && IMAGE.test(files[i].type)) continue;
      if (files[i].size > maxSize) {
        return form.getAttribute("data-file-too-big").replace("{name}", files[i].name);
      }
    }
    return "";
  }

  function show(scaling) {
    if (!note) return "";
    var text = problem(scaling);
    note.textContent = text;
    note.hidden = !text;
    if (text) input.setAttribute("aria-describedby", note.id);
    return text;
  }

  function encode(canvas, type, quality) {
    return new Promise(function (resolve) { canvas.toBlob(resolve, type, quality); });
  }

  function renamed(blob, file, extension) {
    var name = file.name.replace(/\.[^.]*$/, "") + "." + extension;
    return new File([blob], name, { type: blob.type, lastModified: file.lastModified });
  }

  // The file to send instead of `file`: smaller, or `file` itself.
  function scaled(file) {
    if (!IMAGE.test(file.type)) return Promise.resolve(file);
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var pixels = bitmap.width * bitmap.height;
      if (pixels <= maxPixels) {
        if (bitmap.close) bitmap.close();
        return file;
      }
      var ratio = Math.sqrt(maxPixels / pixels);
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.floor(bitmap.width * ratio));
      canvas.height = Math.max(1, Math.floor(bitmap.height * ratio));
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff"; // JPEG has no transparency: white, not black, behind it
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.imageSmoothingQuality = "high";
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      if (bitmap.close) bitmap.close();
      return encode(canvas, "image/jpeg", 0.85).then(function (jpeg) {
        if (jpeg && jpeg.size < file.size) return renamed(jpeg, file, "jpg");
        // Flat colours (a settings screen) compress better losslessly.
        return encode(canvas, "image/png").then(function (png) {
          return png && png.size < file.size ? renamed(png, file, "png") : file;
        });
      });
    }).catch(function () { return file; });
  }

  function scaleChosen() {
    var chosen = Array.prototype.slice.call(input.files);
    input.setAttribute("aria-busy", "true"); // its files are being replaced
    var files = [];
    // One at a time: a cheap phone holds one large picture's pixels, not three.
    var run = chosen.reduce(function (previous, file) {
      return previous.then(function () {
        return scaled(file).then(function (sent) { files.push(sent); });
      });
    }, Promise.resolve()).then(function () {
      if (pending !== run) return; // chosen again meanwhile
      var changed = false;
      for (var i = 0; i < files.length; i++) if (files[i] !== chosen[i]) changed = true;
      if (!changed) return;
      var transfer = new DataTransfer();
      files.forEach(function (file) { transfer.items.add(file); });
      input.files = transfer.files; // fires no change event
    }).catch(function () {}).then(function () {
      if (pending === run) {
        pending = null;
        input.removeAttribute("aria-busy");
        show();
      }
    });
    pending = run;
  }

  if (note) {
    input.addEventListener("change", function () {
      if (!canScale || input.files.length > maxFiles) {
        show();
        return;
      }
      show(true);
      scaleChosen();
    });
  }

  // Once the images are ready (at once if none is being scaled).
  function whenReady(then) {
    if (pending) pending.then(function () { whenReady(then); });
    else then();
  }

  form.addEventListener("submit", function (event) {
    if (sending) {
      event.preventDefault();
      return;
    }
    if (pending) {
      event.preventDefault();
      hold();
      if (waiting) return; // tapped again after the stall: the first wait still sends
      waiting = true;
      whenReady(function () {
        waiting = false;
        if (show()) {
          release();
          input.focus();
        } else {
          form.submit(); // no submit event: this handler has done its part
        }
      });
      return;
    }
    if (show()) {
      event.preventDefault();
      input.focus();
      return;
    }
    hold();
  });
})();
