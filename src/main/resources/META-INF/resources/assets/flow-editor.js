// The flow editor page: CodeMirror with YAML, problems from the server's validator while typing, completion and
// hover from the flow schema, the simulation pane, drafts, publishing and the versions.
(function () {
  "use strict";
  var root = document.getElementById("flow-editor");
  var csrf = root.getAttribute("data-csrf");
  var mayAct = root.getAttribute("data-may-act") === "true";
  var fixedId = root.getAttribute("data-flow-id");
  var idInput = document.getElementById("new-flow-id");
  var help = null;

  function flowId() { return fixedId || (idInput ? idInput.value.trim() : ""); }
  function base() { return "/flows/" + encodeURIComponent(flowId() || "new-flow"); }

  function call(method, path, body, type) {
    var headers = { "X-CSRF-Token": csrf, "Accept": "application/json" };
    if (type) headers["Content-Type"] = type;
    return fetch(path, { method: method, headers: headers, body: body, credentials: "same-origin" })
      .then(function (r) {
        return r.text().then(function (t) {
          var data = null;
          try { data = t ? JSON.parse(t) : null; } catch (e) { data = { detail: t }; }
          return { ok: r.ok, status: r.status, data: data };
        });
      });
  }

  function say(id, text) { document.getElementById(id).textContent = text; }

  // Problems of each check, shown in the gutter, under the text and in a list with their line (EditorProblems).
  function annotations(text, done, options, cm) {
    call("POST", base() + "/edit/validate", text, "text/plain").then(function (r) {
      if (!r.ok) { say("problem-summary", "Could not check the text (" + r.status + ")."); done([]); return; }
      done(EditorProblems.show(r.data.problems || [], cm, "the flow cannot be published"));
    }, function () { done([]); });
  }
  annotations.async = true;

  function lines(cm) { var out = []; cm.eachLine(function (l) { out.push(l.text); }); return out; }

  function complete(cm) {
    if (!help) return null;
    var cur = cm.getCursor();
    var text = cm.getLine(cur.line);
    var before = text.slice(0, cur.ch);
    var all = lines(cm);
    var valueMatch = /^(\s*(?:-\s+)*)([A-Za-z0-9_.-]+):\s*([A-Za-z0-9_-]*)$/.exec(before);
    if (valueMatch) {
      var at = FlowSchemaHelp.pathAt(all, cur.line);
      if (!at) return null;
      var prefix = valueMatch[3];
      var values = help.values(at.full).filter(function (v) { return v.indexOf(prefix) === 0; });
      return { list: values, from: CodeMirror.Pos(cur.line, cur.ch - prefix.length), to: cur };
    }
    var keyMatch = /^(\s*(?:-\s+)*)([A-Za-z0-9_-]*)$/.exec(before);
    if (!keyMatch) return null;
    var probe = all.slice();
    probe[cur.line] = keyMatch[1] + "x:";
    var where = FlowSchemaHelp.pathAt(probe, cur.line);
    var keys = help.keys(where ? where.parent : []);
    var list = Object.keys(keys).filter(function (k) { return k.indexOf(keyMatch[2]) === 0; }).map(function (k) {
      return { text: k + ": ", displayText: k + (keys[k] ? " — " + keys[k] : "") };
    });
    return { list: list, from: CodeMirror.Pos(cur.line, keyMatch[1].length), to: cur };
  }

  var cm = CodeMirror.fromTextArea(document.getElementById("flow-source"), {
    mode: "yaml", lineNumbers: true, indentUnit: 2, tabSize: 2, gutters: ["CodeMirror-lint-markers"],
    lint: { getAnnotations: annotations, async: true, delay: 400 }, readOnly: false,
    extraKeys: {
      "Ctrl-Space": function (c) { c.showHint({ hint: complete, completeSingle: false }); },
      Tab: function (c) { c.replaceSelection("  "); },
      Esc: function (c) { c.getInputField().blur(); }
    },
    screenReaderLabel: "Flow text (YAML)"
  });
  window.flowEditor = cm; // for the browser test and for curious marketers' consoles

  // Hover and the cursor both explain the key under them: the meaning comes from the schema.
  var tip = document.createElement("div");
  tip.className = "schema-tip";
  tip.setAttribute("role", "tooltip");
  tip.id = "schema-tip";
  tip.hidden = true;
  document.body.appendChild(tip);
  function describeLine(line) {
    if (!help) return null;
    var at = FlowSchemaHelp.pathAt(lines(cm), line);
    if (!at || !at.key) return null;
    var d = help.describe(at.full);
    return d ? at.full.filter(function (k) { return k !== "[]"; }).join(".") + ": " + d : null;
  }
  cm.getWrapperElement().addEventListener("mousemove", function (e) {
    var pos = cm.coordsChar({ left: e.clientX, top: e.clientY }, "window");
    var token = cm.getTokenAt(pos, true);
    var d = token && token.type && token.type.indexOf("atom") >= 0 ? describeLine(pos.line) : null;
    if (!d) { tip.hidden = true; return; }
    tip.textContent = d;
    tip.hidden = false;
    tip.style.left = (e.pageX + 12) + "px";
    tip.style.top = (e.pageY + 16) + "px";
  });
  cm.getWrapperElement().addEventListener("mouseleave", function () { tip.hidden = true; });
  var keyHelp = document.createElement("p");
  keyHelp.id = "key-help";
  keyHelp.className = "hint";
  keyHelp.setAttribute("aria-live", "polite");
  cm.getWrapperElement().parentNode.insertBefore(keyHelp, cm.getWrapperElement().nextSibling);
  cm.on("cursorActivity", function () { keyHelp.textContent = describeLine(cm.getCursor().line) || ""; });

  fetch("/assets/flow.schema.json").then(function (r) { return r.json(); }).then(function (schema) {
    help = new FlowSchemaHelp(schema);
  });

  // Drafts and publishing.
  function problemText(r) {
    var d = r.data || {};
    var v = (d.errors || []).map(function (x) { return x.message; }).join("; ");
    return (d.detail || ("failed (" + r.status + ")")) + (v ? ": " + v : "");
  }
  function requireId() {
    if (idInput && !idInput.checkValidity()) { say("editor-notice", "Give the flow an id first (lower-case letters, digits, - and _)."); idInput.focus(); return false; }
    return true;
  }
  if (mayAct) {
    document.getElementById("save-draft").addEventListener("click", function () {
      if (!requireId()) return;
      call("PUT", base() + "/edit/draft", cm.getValue(), "text/plain").then(function (r) {
        say("editor-notice", r.ok ? "Draft saved. Nothing that runs has changed." : "Not saved: " + problemText(r));
      });
    });
    document.getElementById("publish").addEventListener("click", function () {
      if (!requireId()) return;
      call("POST", base() + "/edit/publish", cm.getValue(), "text/plain").then(function (r) {
        if (!r.ok) { say("editor-notice", "Not published: " + problemText(r)); return; }
        say("editor-notice", "Published version " + r.data.version + " as " + r.data.file + ". New customers enter this version.");
        if (!fixedId) { window.location.assign(base() + "/edit"); return; }
        loadVersions();
      });
    });
  }

  // Simulation.
  document.getElementById("simulate-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var startInput = document.getElementById("sim-start").value;
    var start = startInput ? new Date(startInput).toISOString() : new Date().toISOString();
    var total = document.getElementById("sim-order-total").value.trim();
    var body = {
      source: cm.getValue(),
      customer: {
        firstName: document.getElementById("sim-first-name").value,
        phone: document.getElementById("sim-phone").value,
        locale: document.getElementById("sim-locale").value,
        timeZone: document.getElementById("sim-time-zone").value,
        consent: { status: document.getElementById("sim-consent").value }
      },
      orders: total ? [{ placedAt: start, total: total }] : [],
      start: start,
      // Long enough for the waits of most flows; the timeline ends when the flow does.
      until: new Date(new Date(start).getTime() + 365 * 24 * 3600 * 1000).toISOString()
    };
    call("POST", base() + "/edit/simulate", JSON.stringify(body), "application/json").then(function (r) {
      var table = document.getElementById("timeline");
      var tbody = table.querySelector("tbody");
      tbody.textContent = "";
      if (!r.ok) { table.hidden = true; say("simulate-notice", "Cannot simulate: " + problemText(r)); return; }
      var sends = 0;
      r.data.timeline.forEach(function (t) {
        var tr = document.createElement("tr");
        tr.setAttribute("data-kind", t.kind);
        var detail = t.text || [t.attribute, t.value, t.reason].filter(function (x) { return x; }).join(" ");
        [new Date(t.at).toLocaleString(), t.kind, t.step || "", detail, t.segments == null ? "" : String(t.segments)]
          .forEach(function (v, i) {
            var td = document.createElement("td");
            td.textContent = v;
            if (i === 4) { td.className = "num"; td.setAttribute("data-figure", "segments"); }
            if (i === 3 && t.text) td.setAttribute("data-text", "");
            tr.appendChild(td);
          });
        if (t.kind === "send") sends++;
        tbody.appendChild(tr);
      });
      table.hidden = false;
      say("simulate-notice", r.data.timeline.length + " event(s), " + sends + " text(s).");
    });
  });

  // Versions: view, compare with the running one, restore.
  function cell(tr, content) { var td = document.createElement("td"); if (typeof content === "string") td.textContent = content; else td.appendChild(content); tr.appendChild(td); return td; }
  function button(label, handler) { var b = document.createElement("button"); b.type = "button"; b.textContent = label; b.addEventListener("click", handler); return b; }
  function show(heading, render) {
    document.getElementById("version-view").hidden = false;
    say("version-view-heading", heading);
    var pre = document.getElementById("version-view-body");
    pre.textContent = "";
    render(pre);
  }
  function loadVersions() {
    if (!fixedId) return;
    call("GET", base() + "/edit/versions").then(function (r) {
      if (!r.ok) return;
      var tbody = document.querySelector("#versions-table tbody");
      tbody.textContent = "";
      var current = (r.data.find(function (v) { return v.current; }) || {}).version;
      r.data.forEach(function (v) {
        var tr = document.createElement("tr");
        tr.setAttribute("data-version", v.version);
        var code = document.createElement("code"); code.textContent = v.version;
        cell(tr, code);
        if (v.current) tr.firstChild.appendChild(document.createTextNode(" (running)"));
        cell(tr, v.publishedBy ? v.publishedBy + (v.restoredFrom ? " (restored)" : "") : "put in the folder by hand");
        cell(tr, new Date(v.publishedAt || v.firstLoadedAt).toLocaleString());
        cell(tr, String(v.lines));
        var actions = cell(tr, "");
        actions.appendChild(button("View", function () {
          call("GET", base() + "/edit/versions/" + encodeURIComponent(v.version)).then(function (s) {
            if (s.ok) show("Version " + v.version, function (pre) { pre.textContent = s.data.source; });
          });
        }));
        if (current && v.version !== current) {
          actions.appendChild(button("Compare with running", function () {
            call("GET", base() + "/edit/diff?from=" + encodeURIComponent(v.version) + "&to=" + encodeURIComponent(current)).then(function (s) {
              if (!s.ok) return;
              show("Changes from " + v.version + " to the running " + current, function (pre) {
                s.data.lines.forEach(function (l) {
                  var span = document.createElement("span");
                  span.className = "diff-" + l.kind.toLowerCase();
                  span.textContent = (l.kind === "ADDED" ? "+ " : l.kind === "REMOVED" ? "- " : "  ") + l.text + "\n";
                  pre.appendChild(span);
                });
              });
            });
          }));
          if (mayAct) {
            actions.appendChild(button("Restore", function () {
              call("POST", base() + "/edit/versions/" + encodeURIComponent(v.version) + "/restore").then(function (s) {
                say("editor-notice", s.ok ? "Restored: version " + s.data.version + " runs again. New customers enter it." : "Not restored: " + problemText(s));
                if (s.ok) {
                  call("GET", base() + "/edit/versions/" + encodeURIComponent(v.version)).then(function (t) { if (t.ok) cm.setValue(t.data.source); });
                  loadVersions();
                }
              });
            }));
          }
        }
        tbody.appendChild(tr);
      });
    });
  }
  loadVersions();
})();
