// @ts-check
// Filters for the rectification ledger (整改台账): by status and by owner, on the page, with no server.
// The choice is kept in the address (?status=逾期&owner=办公室), so a filtered view survives a reload and
// can be sent as a link. Rows carry their status, owner and overdue flag as data-* attributes.
(function () {
  "use strict";

  var ALL = "全部";
  var OVERDUE = "逾期";
  var UNASSIGNED = "待定"; // the owner of items the report names no department for
  var STATUS_ORDER = ["未开始", "正在整改", "已完成", "长期坚持", "未填报"];

  /**
   * @param {string} label
   * @param {string} name
   * @param {string[]} values
   * @param {string | null} chosen
   * @param {(event: Event) => void} onChange
   */
  function select(label, name, values, chosen, onChange) {
    var wrapper = document.createElement("label");
    wrapper.className = "ledger-filter";
    wrapper.appendChild(document.createTextNode(label + "："));
    var box = document.createElement("select");
    box.name = name;
    var options = [ALL].concat(values);
    if (chosen && options.indexOf(chosen) < 0) options.push(chosen); // a sent link names what is gone now
    options.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      box.appendChild(option);
    });
    box.value = chosen || ALL;
    box.addEventListener("change", onChange);
    wrapper.appendChild(box);
    return { element: wrapper, box: box };
  }

  /**
   * @param {HTMLTableRowElement[]} rows
   * @param {string} attribute
   */
  function unique(rows, attribute) {
    /** @type {string[]} */
    var seen = [];
    rows.forEach(function (row) {
      var value = row.getAttribute(attribute);
      if (value && seen.indexOf(value) < 0) seen.push(value);
    });
    return seen;
  }

  /** @param {HTMLTableRowElement[]} rows */
  function statuses(rows) {
    var present = unique(rows, "data-status");
    var known = STATUS_ORDER.filter(function (s) { return present.indexOf(s) >= 0; });
    var others = present.filter(function (s) { return STATUS_ORDER.indexOf(s) < 0; }).sort();
    return known.concat(others, [OVERDUE]);
  }

  /**
   * @param {HTMLTableRowElement} row
   * @param {string} status
   * @param {string} owner
   */
  function matches(row, status, owner) {
    var statusMatches = status === ALL ||
      (status === OVERDUE ? row.getAttribute("data-overdue") === "1" : row.getAttribute("data-status") === status);
    return statusMatches && (owner === ALL || row.getAttribute("data-owner") === owner);
  }

  // “没有逾期事项”, “没有已完成的事项”, “没有办公室负责的事项”, “没有责任部门待定的已完成事项”.
  /**
   * @param {string} status
   * @param {string} owner
   */
  function nothing(status, owner) {
    var who = owner === ALL ? "" : owner === UNASSIGNED ? "责任部门待定的" : owner + "负责的";
    var what = status === ALL ? "" : status;
    return "没有" + who + what + (what && who === "" && status !== OVERDUE ? "的" : "") + "事项";
  }

  function wanted() {
    var params = new URLSearchParams(window.location.search);
    return { status: params.get("status"), owner: params.get("owner") };
  }

  /**
   * @param {string} status
   * @param {string} owner
   */
  function remember(status, owner) {
    var params = new URLSearchParams(window.location.search);
    [["status", status], ["owner", owner]].forEach(function (pair) {
      if (pair[1] === ALL) params.delete(pair[0]);
      else params.set(pair[0], pair[1]);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  /** @param {Element} container */
  function setUp(container) {
    var table = /** @type {HTMLTableElement} */ (container.querySelector("table")); // the ledger's own table
    /** @type {HTMLTableRowElement[]} */
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var chosen = wanted();
    var count = document.createElement("span");
    count.className = "ledger-count";
    count.setAttribute("role", "status"); // a screen reader says how many rows are left after each choice
    var empty = document.createElement("p");
    empty.className = "ledger-empty";
    empty.setAttribute("role", "status");
    var owners = unique(rows, "data-owner").sort(function (a, b) { return a.localeCompare(b, "zh"); });
    var status = select("状态", "status", statuses(rows), chosen.status, apply);
    var owner = select("责任部门", "owner", owners, chosen.owner, apply);

    /** @param {Event} [event] */
    function apply(event) {
      var shown = 0;
      rows.forEach(function (row) {
        row.hidden = !matches(row, status.box.value, owner.box.value);
        if (!row.hidden) shown += 1;
      });
      count.textContent = "显示 " + shown + " / " + rows.length + " 项";
      empty.textContent = shown ? "" : nothing(status.box.value, owner.box.value) + "。";
      empty.hidden = shown > 0;
      table.hidden = shown === 0;
      if (event) remember(status.box.value, owner.box.value);
    }

    var bar = document.createElement("div");
    bar.className = "ledger-filters";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "筛选台账");
    bar.appendChild(status.element);
    bar.appendChild(owner.element);
    bar.appendChild(count);
    var parent = /** @type {Node} */ (container.parentNode); // a .ledger in the page's body
    parent.insertBefore(bar, container);
    parent.insertBefore(empty, container);
    apply();
  }

  function init() {
    document.querySelectorAll(".ledger").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
