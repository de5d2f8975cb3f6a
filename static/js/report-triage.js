// The report page's triage panel (admin), made lighter. Optional: without this
// script every field shows and the page works the same (the server checks all).
//  - shows only the fields the chosen step needs: "Chuyển tới" for forwarding,
//    the reason for "Không xử lý", the original only for a duplicate;
//  - puts a chosen reply template's text, filled for this report by the server
//    (the select's data-filled), in the reply box, before saving.
(function () {
  "use strict";

  function ready(run) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  ready(function () {
    var form = document.getElementById("report_form");
    if (!form || !form.elements.step) return;

    function row(name) {
      return form.querySelector(".form-row.field-" + name);
    }

    function show(name, shown) {
      var element = row(name);
      if (element) element.hidden = !shown;
    }

    function value(name) {
      var field = form.elements[name];
      if (!field) return "";
      if (field.length !== undefined && field.tagName !== "SELECT") {
        for (var i = 0; i < field.length; i++) if (field[i].checked) return field[i].value;
        return "";
      }
      return field.value || "";
    }

    function hasError(name) {
      var element = row(name);
      return !!(element && element.querySelector(".errorlist"));
    }

    function update() {
      var step = value("step");
      var reason = value("reason");
      // A field with an error or a value stays in sight: nothing typed is hidden.
      show("target", step === "forward" || value("target") !== "" || hasError("target"));
      show("reason", step === "reject" || hasError("reason"));
      var duplicate = (step === "reject" && reason === "duplicate") ||
        hasError("original") || value("original") !== "";
      show("original", duplicate);
      show("original_pick", duplicate);
    }

    // A reply template: its text, filled for this report, into the reply box. What was
    // typed there by hand is kept unless the box is empty or holds a template's text.
    var template = form.elements.template;
    var reply = form.elements.reply;
    // {template id: its text filled for this report}, from the options (data-filled).
    var filled = {};
    if (template && template.options) {
      for (var i = 0; i < template.options.length; i++) {
        var option = template.options[i];
        if (option.hasAttribute("data-filled")) filled[option.value] = option.getAttribute("data-filled");
      }
    }
    var lastFilled = null;
    var initialReply = reply ? reply.value : "";

    function targetLabel() {
      var target = form.elements.target;
      if (!target || target.tagName !== "SELECT" || !target.value) return null;
      return target.options[target.selectedIndex].text;
    }

    function withTarget(text) {
      var label = targetLabel();
      return label ? text.split("{target}").join(label) : text;
    }

    function fillReply() {
      if (!template || !reply) return;
      var text = filled[template.value];
      if (text === undefined) return;
      var current = reply.value;
      var replaceable = current.trim() === "" || current === initialReply || current === lastFilled;
      if (!replaceable) {
        for (var key in filled) {
          if (Object.prototype.hasOwnProperty.call(filled, key) && current === withTarget(filled[key])) {
            replaceable = true;
          }
        }
      }
      if (!replaceable) return;
      reply.value = withTarget(text);
      lastFilled = reply.value;
    }

    form.addEventListener("change", function (event) {
      var name = event.target && event.target.name;
      if (name === "template" || (name === "target" && reply && reply.value === lastFilled)) {
        fillReply();
      }
      update();
    });
    update();
  });
})();
