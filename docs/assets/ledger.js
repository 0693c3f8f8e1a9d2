// Filters for the rectification ledger (整改台账): by status and by owner, on the page, with no server.
(function () {
  "use strict";

  function columnIndex(table, name) {
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) {
      return cell.textContent.trim();
    });
    return headers.indexOf(name);
  }

  function select(label, values, onChange) {
    var wrapper = document.createElement("label");
    wrapper.className = "ledger-filter";
    wrapper.appendChild(document.createTextNode(label + "："));
    var box = document.createElement("select");
    ["全部"].concat(values).forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      box.appendChild(option);
    });
    box.addEventListener("change", onChange);
    wrapper.appendChild(box);
    return { element: wrapper, value: function () { return box.value; } };
  }

  function unique(rows, index) {
    var seen = [];
    rows.forEach(function (row) {
      var text = row.cells[index].textContent.trim();
      if (seen.indexOf(text) < 0) seen.push(text);
    });
    return seen.sort();
  }

  function setUp(table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var statusColumn = columnIndex(table, "状态");
    var ownerColumn = columnIndex(table, "责任部门");
    var statuses = unique(rows, statusColumn).map(function (s) { return s.replace("（逾期）", ""); });
    statuses = statuses.filter(function (s, i) { return statuses.indexOf(s) === i; }).concat(["逾期"]);
    var count = document.createElement("span");
    count.className = "ledger-count";
    count.setAttribute("role", "status"); // a screen reader says how many rows are left after each choice
    var status = select("状态", statuses, apply);
    var owner = select("责任部门", unique(rows, ownerColumn), apply);

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var rowStatus = row.cells[statusColumn].textContent.trim();
        var wantStatus = status.value();
        var statusMatches = wantStatus === "全部" ||
          (wantStatus === "逾期" ? rowStatus.indexOf("（逾期）") >= 0 : rowStatus.replace("（逾期）", "") === wantStatus);
        var ownerMatches = owner.value() === "全部" || row.cells[ownerColumn].textContent.trim() === owner.value();
        row.hidden = !(statusMatches && ownerMatches);
        if (!row.hidden) shown += 1;
      });
      count.textContent = "显示 " + shown + " / " + rows.length + " 项";
    }

    var bar = document.createElement("div");
    bar.className = "ledger-filters";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "筛选台账");
    bar.appendChild(status.element);
    bar.appendChild(owner.element);
    bar.appendChild(count);
    table.parentNode.insertBefore(bar, table);
    apply();
  }

  function init() {
    document.querySelectorAll(".ledger table").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
