// What a check of the text found, shown three ways: a summary line, a list by line under the editor, and the marks
// in CodeMirror's gutter (returned as lint annotations). Shared by the flow editor and the campaign composer.
(function () {
  "use strict";

  // blocked: what errors prevent, e.g. "the flow cannot be published".
  function show(problems, cm, blocked) {
    var errors = problems.filter(function (p) { return p.severity === "error"; }).length;
    document.getElementById("problem-summary").textContent = errors === 0
      ? (problems.length === 0 ? "No problems." : "No errors; " + problems.length + " warning(s).")
      : errors + " error(s): " + blocked + " until they are fixed.";
    var list = document.getElementById("problem-list");
    list.textContent = "";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      li.className = "problem problem-" + p.severity;
      li.setAttribute("data-line", p.line);
      li.setAttribute("data-column", p.column);
      li.textContent = "Line " + p.line + ", column " + p.column + ": " + p.message;
      list.appendChild(li);
    });
    return problems.map(function (p) {
      var line = Math.max(0, Math.min(cm.lineCount() - 1, p.line - 1));
      var ch = Math.max(0, p.column - 1);
      var lineText = cm.getLine(line) || "";
      var end = lineText.length > ch ? lineText.length : ch + 1;
      return {
        from: CodeMirror.Pos(line, ch), to: CodeMirror.Pos(line, end),
        message: p.message, severity: p.severity === "error" ? "error" : "warning"
      };
    });
  }

  window.EditorProblems = { show: show };
})();
