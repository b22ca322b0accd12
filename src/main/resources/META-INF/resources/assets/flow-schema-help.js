// Completion and hover help for flow YAML, read from the flow language's JSON schema (/assets/flow.schema.json):
// the key path at the cursor is worked out from the indentation, then the schema is walked along it.
(function () {
  "use strict";

  function FlowSchemaHelp(schema) {
    this.schema = schema;
  }

  FlowSchemaHelp.prototype.resolve = function (node) {
    var seen = 0;
    while (node && node.$ref && seen++ < 20) {
      var path = node.$ref.replace(/^#\//, "").split("/");
      var target = this.schema;
      for (var i = 0; i < path.length && target; i++) target = target[decodeURIComponent(path[i])];
      node = target;
    }
    return node;
  };

  // Every alternative a schema node stands for (oneOf/anyOf/allOf branches, resolved).
  FlowSchemaHelp.prototype.variants = function (node) {
    node = this.resolve(node);
    if (!node) return [];
    var out = [node];
    var self = this;
    ["oneOf", "anyOf", "allOf"].forEach(function (k) {
      (node[k] || []).forEach(function (sub) { out = out.concat(self.variants(sub)); });
    });
    return out;
  };

  // The schema nodes at a path of keys; "[]" steps into list items.
  FlowSchemaHelp.prototype.at = function (path) {
    var nodes = [this.schema];
    var self = this;
    path.forEach(function (key) {
      var next = [];
      nodes.forEach(function (n) {
        self.variants(n).forEach(function (v) {
          if (key === "[]") {
            if (v.items) next.push(v.items);
          } else if (v.properties && v.properties[key]) {
            next.push(v.properties[key]);
          } else if (v.patternProperties) {
            Object.keys(v.patternProperties).forEach(function (p) {
              if (new RegExp(p).test(key)) next.push(v.patternProperties[p]);
            });
          } else if (v.additionalProperties && typeof v.additionalProperties === "object") {
            next.push(v.additionalProperties);
          }
        });
      });
      nodes = next;
    });
    return nodes;
  };

  FlowSchemaHelp.prototype.keys = function (path) {
    var keys = {};
    var self = this;
    this.at(path).forEach(function (n) {
      self.variants(n).forEach(function (v) {
        Object.keys(v.properties || {}).forEach(function (k) {
          if (!keys[k]) keys[k] = self.description(v.properties[k]);
        });
      });
    });
    return keys;
  };

  FlowSchemaHelp.prototype.values = function (path) {
    var values = [];
    var self = this;
    this.at(path).forEach(function (n) {
      self.variants(n).forEach(function (v) {
        (v["enum"] || []).forEach(function (e) { if (values.indexOf(String(e)) < 0) values.push(String(e)); });
        if (v["const"] !== undefined && values.indexOf(String(v["const"])) < 0) values.push(String(v["const"]));
      });
    });
    return values;
  };

  FlowSchemaHelp.prototype.description = function (node) {
    if (node && node.description) return node.description; // a $ref's own description says what it is used for here
    var found = null;
    this.variants(node).some(function (v) { found = v.description || null; return !!found; });
    return found;
  };

  FlowSchemaHelp.prototype.describe = function (path) {
    var self = this;
    var found = null;
    this.at(path).some(function (n) { found = self.description(n); return !!found; });
    return found;
  };

  // The key path of line `lineNo` (0-based) in `lines`: its own key last, list items as "[]".
  FlowSchemaHelp.pathAt = function (lines, lineNo) {
    var path = [];
    var parse = function (text) {
      var m = /^(\s*)((?:-\s+)*)([A-Za-z0-9_.-]+)?\s*(:)?/.exec(text);
      if (!m || /^\s*#/.test(text) || text.trim() === "") return null;
      var dashes = (m[2].match(/-/g) || []).length;
      return { indent: m[1].length, keyIndent: m[1].length + m[2].length, dashes: dashes, key: m[4] ? m[3] : null };
    };
    var here = parse(lines[lineNo] || "");
    if (!here) return null;
    var own = [];
    for (var d = 0; d < here.dashes; d++) own.push("[]");
    if (here.key) own.push(here.key);
    var limit = here.indent;
    for (var i = lineNo - 1; i >= 0 && limit > 0; i--) {
      var p = parse(lines[i]);
      if (!p) continue;
      if (p.keyIndent < limit || (p.indent < limit && p.dashes > 0)) {
        var seg = [];
        for (var k = 0; k < p.dashes; k++) seg.push("[]");
        if (p.key && p.keyIndent < limit) seg.push(p.key);
        path = seg.concat(path);
        limit = p.indent;
      }
    }
    return { parent: path.concat(own.slice(0, own.length - (here.key ? 1 : 0))), key: here.key, full: path.concat(own) };
  };

  window.FlowSchemaHelp = FlowSchemaHelp;
})();
