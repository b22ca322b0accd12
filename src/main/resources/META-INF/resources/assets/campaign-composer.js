// The campaign composer: CodeMirror with YAML, problems from the server's campaign validator while typing,
// completion and hover from the campaign schema (/assets/campaign.schema.json, which takes a flow's pieces from the
// flow schema), the preview pane and saving. Start, pause, resume and cancel are plain forms on the page.
(function () {
  "use strict";
  var root = document.getElementById("campaign-composer");
  var csrf = root.getAttribute("data-csrf");
  var mayAct = root.getAttribute("data-may-act") === "true";
  var editable = root.getAttribute("data-editable") === "true";
  var fixedId = root.getAttribute("data-campaign-id");
  var help = null;

  function call(method, path, body, accept) {
    return fetch(path, {
      method: method, credentials: "same-origin", body: body,
      headers: { "X-CSRF-Token": csrf, "Accept": accept || "application/json", "Content-Type": "text/plain" }
    }).then(function (r) {
      return r.text().then(function (t) {
        var data = t;
        if ((r.headers.get("Content-Type") || "").indexOf("json") >= 0) {
          try { data = t ? JSON.parse(t) : null; } catch (e) { data = { detail: t }; }
        }
        return { ok: r.ok, status: r.status, data: data };
      });
    });
  }
  function say(id, text) { document.getElementById(id).textContent = text; }
  function problemText(r) {
    var d = (r.data && typeof r.data === "object") ? r.data : { detail: String(r.data || "") };
    var v = (d.errors || []).map(function (x) { return x.message; }).join("; ");
    return (d.detail || ("failed (" + r.status + ")")) + (v ? ": " + v : "");
  }

  function annotations(text, done, options, cm) {
    var q = fixedId ? "?id=" + encodeURIComponent(fixedId) : "";
    call("POST", "/campaigns/validate" + q, text).then(function (r) {
      if (!r.ok) { say("problem-summary", "Could not check the text (" + r.status + ")."); done([]); return; }
      done(EditorProblems.show(r.data.problems || [], cm, "the campaign cannot be saved"));
    }, function () { done([]); });
  }
  annotations.async = true;

  // The campaign schema takes what it shares with a flow from the flow schema ("flow.schema.json#/$defs/…"), and
  // the help reads one document: the flow schema's definitions are copied in (the names differ, CampaignSchemaTest
  // holds that) and those references made local.
  function withFlowDefinitions(campaign, flow) {
    function local(node) {
      if (Array.isArray(node)) return node.map(local);
      if (!node || typeof node !== "object") return node;
      var out = {};
      Object.keys(node).forEach(function (k) {
        out[k] = k === "$ref" ? node[k].replace(/^flow\.schema\.json#/, "#") : local(node[k]);
      });
      return out;
    }
    var merged = local(campaign);
    merged.$defs = Object.assign({}, flow.$defs, merged.$defs);
    return merged;
  }

  function lines(cm) { var out = []; cm.eachLine(function (l) { out.push(l.text); }); return out; }
  function complete(cm) {
    if (!help) return null;
    var cur = cm.getCursor();
    var before = cm.getLine(cur.line).slice(0, cur.ch);
    var all = lines(cm);
    var valueMatch = /^(\s*(?:-\s+)*)([A-Za-z0-9_.-]+):\s*([A-Za-z0-9_-]*)$/.exec(before);
    if (valueMatch) {
      var at = FlowSchemaHelp.pathAt(all, cur.line);
      if (!at) return null;
      var prefix = valueMatch[3];
      return { list: help.values(at.full).filter(function (v) { return v.indexOf(prefix) === 0; }),
               from: CodeMirror.Pos(cur.line, cur.ch - prefix.length), to: cur };
    }
    var keyMatch = /^(\s*(?:-\s+)*)([A-Za-z0-9_-]*)$/.exec(before);
    if (!keyMatch) return null;
    var probe = all.slice();
    probe[cur.line] = keyMatch[1] + "x:";
    var where = FlowSchemaHelp.pathAt(probe, cur.line);
    var keys = help.keys(where ? where.parent : []);
    return {
      list: Object.keys(keys).filter(function (k) { return k.indexOf(keyMatch[2]) === 0; }).map(function (k) {
        return { text: k + ": ", displayText: k + (keys[k] ? " — " + keys[k] : "") };
      }),
      from: CodeMirror.Pos(cur.line, keyMatch[1].length), to: cur
    };
  }

  var cm = CodeMirror.fromTextArea(document.getElementById("campaign-source"), {
    mode: "yaml", lineNumbers: true, indentUnit: 2, tabSize: 2, gutters: ["CodeMirror-lint-markers"],
    lint: { getAnnotations: annotations, async: true, delay: 400 }, readOnly: !(mayAct && editable),
    extraKeys: {
      "Ctrl-Space": function (c) { c.showHint({ hint: complete, completeSingle: false }); },
      Tab: function (c) { c.replaceSelection("  "); },
      Esc: function (c) { c.getInputField().blur(); }
    },
    screenReaderLabel: "Campaign text (YAML)"
  });
  window.campaignEditor = cm; // for the browser test

  var keyHelp = document.createElement("p");
  keyHelp.id = "key-help";
  keyHelp.className = "hint";
  keyHelp.setAttribute("aria-live", "polite");
  cm.getWrapperElement().parentNode.insertBefore(keyHelp, cm.getWrapperElement().nextSibling);
  cm.on("cursorActivity", function () {
    if (!help) return;
    var at = FlowSchemaHelp.pathAt(lines(cm), cm.getCursor().line);
    var d = at && at.key ? help.describe(at.full) : null;
    keyHelp.textContent = d ? at.full.filter(function (k) { return k !== "[]"; }).join(".") + ": " + d : "";
  });
  Promise.all(["/assets/campaign.schema.json", "/assets/flow.schema.json"].map(function (url) {
    return fetch(url).then(function (r) { return r.json(); });
  })).then(function (schemas) {
    help = new FlowSchemaHelp(withFlowDefinitions(schemas[0], schemas[1]));
  });

  function preview() {
    say("preview-notice", "Working out the audience and the cost…");
    return call("POST", "/campaigns/preview", cm.getValue(), "text/html").then(function (r) {
      if (!r.ok) { say("preview-notice", "Cannot preview: " + problemText(r)); return; }
      document.getElementById("preview-pane").innerHTML = r.data;
      var result = document.getElementById("preview-result");
      say("preview-notice", "Preview updated: " + result.getAttribute("data-audience") + " in the audience, "
        + result.getAttribute("data-texts") + " text(s).");
    });
  }
  document.getElementById("preview-button").addEventListener("click", preview);

  // Live counts: while texts are going out, the counts table is refreshed from the page every 30 seconds.
  var state = document.getElementById("campaign-state");
  if (state && (state.textContent === "scheduled" || state.textContent === "sending")) {
    window.setInterval(function () {
      fetch(window.location.pathname, { credentials: "same-origin" }).then(function (r) { return r.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html");
          ["live-counts", "campaign-state"].forEach(function (id) {
            var now = fresh.getElementById(id);
            if (now) document.getElementById(id).innerHTML = now.innerHTML;
          });
        });
    }, 30000);
  }

  var save = document.getElementById("save-draft");
  if (save) {
    save.addEventListener("click", function () {
      var request = fixedId
        ? call("PUT", "/campaigns/" + encodeURIComponent(fixedId) + "/draft", cm.getValue())
        : call("POST", "/campaigns", cm.getValue());
      request.then(function (r) {
        if (!r.ok) { say("editor-notice", "Not saved: " + problemText(r)); return; }
        if (!fixedId) { window.location.assign(r.data.page); return; }
        // The buttons' counts come with the page: reload it so Start names what it would send now.
        window.location.assign(r.data.page + "?done=saved");
      });
    });
  }
})();
