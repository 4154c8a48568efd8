/* Dashboard charts (ECharts, vendored). Data comes from json_script blocks; every chart has the
   saveAsImage toolbox ("export as PNG"). No inline script, so a strict CSP can stay on. */
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function toolbox(labels) {
    return { feature: { saveAsImage: { title: labels.save, pixelRatio: 2 } } };
  }
  function init() {
    if (!window.echarts) { return; }
    var charts = data("report-charts");
    var labels = data("report-labels") || {};
    if (!charts) { return; }
    var made = [];
    function chart(name, option) {
      var el = document.querySelector('[data-chart="' + name + '"]');
      if (!el) { return; }
      var c = window.echarts.init(el);
      option.toolbox = toolbox(labels);
      option.aria = { enabled: true };
      c.setOption(option);
      made.push(c);
    }
    var keys = ["received", "accepted", "decided", "concluded"];
    chart("trend", {
      tooltip: { trigger: "axis" }, legend: { top: 24 },
      xAxis: { type: "category", data: charts.trend.map(function (r) { return r.day.slice(5); }) },
      yAxis: { type: "value", minInterval: 1 },
      series: keys.map(function (k) {
        return { name: labels[k] || k, type: "line", data: charts.trend.map(function (r) { return r[k]; }) };
      })
    });
    chart("departments", {
      tooltip: { trigger: "axis" }, legend: { top: 24 }, grid: { left: 160 },
      yAxis: { type: "category", data: charts.departments.map(function (r) { return r.name; }) },
      xAxis: { type: "value", minInterval: 1 },
      series: ["received", "decided"].map(function (k) {
        return { name: labels[k] || k, type: "bar", data: charts.departments.map(function (r) { return r[k]; }) };
      })
    });
    function node(n) {
      return { name: n.name + " (" + (n.received || 0) + ")", value: n.received || 0,
               children: (n.children || []).map(node) };
    }
    chart("tree", {
      tooltip: { trigger: "item" },
      series: [{ type: "tree", data: charts.tree.map(node), top: "5%", left: "15%", bottom: "5%", right: "25%",
                 initialTreeDepth: 2, label: { position: "left", fontSize: 12 },
                 leaves: { label: { position: "right" } } }]
    });
    chart("levels", {
      tooltip: { trigger: "item" }, legend: { top: 24 },
      series: [{ type: "pie", radius: "60%", data: charts.levels.map(function (r) {
        return { name: r.level_name, value: r.received || 0 }; }) }]
    });
    window.addEventListener("resize", function () { made.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
