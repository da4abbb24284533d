// The charts of /admin/models: reads the page's <script type="application/json"
// id="model-charts"> block (written by src/web/model_charts.cpp) and draws each chart with
// uPlot (/static/uplot.js, from npm, embedded in the binary) into the element of its id.
// No inline script, so the page keeps its strict Content-Security-Policy.
(function () {
  'use strict';
  var COLORS = ['#1d4ed8', '#b45309', '#047857', '#be123c', '#7c3aed', '#0e7490', '#4d7c0f',
    '#c2410c', '#334155', '#a21caf', '#0369a1', '#15803d'];

  function readCharts() {
    var block = document.getElementById('model-charts');
    if (!block) return [];
    try {
      return JSON.parse(block.textContent).charts || [];
    } catch (e) {
      return [];
    }
  }

  function width(el) {
    return Math.max(280, Math.floor(el.getBoundingClientRect().width || el.parentNode.clientWidth || 600));
  }

  function options(chart, el) {
    var byVersion = chart.x_kind === 'version';
    var hasRight = chart.series.some(function (s) { return s.axis === 'right'; });
    var x = { label: byVersion ? 'version' : 'checked' };
    if (byVersion) x.value = function (u, v) { return v == null ? '-' : 'v' + v; };
    var series = [x];
    chart.series.forEach(function (s, i) {
      var line = {
        label: s.label,
        scale: s.axis === 'right' ? 'right' : 'y',
        stroke: COLORS[i % COLORS.length],
        width: s.axis === 'right' ? 1.5 : 2.5,
        spanGaps: true,
        points: { show: true, size: 6 },
      };
      if (s.axis === 'right') line.dash = [6, 3];
      series.push(line);
    });
    (chart.lines || []).forEach(function (l) {
      series.push({ label: l.label + ' ' + l.value, scale: 'y', stroke: '#dc2626', width: 1.5, dash: [4, 4], points: { show: false } });
    });
    var axes = [
      byVersion
        ? { values: function (u, ticks) { return ticks.map(function (t) { return 'v' + t; }); }, incrs: [1, 2, 5, 10, 20, 50, 100] }
        : {},
      { scale: 'y', label: chart.y_label, size: 60 },
    ];
    if (hasRight) axes.push({ scale: 'right', side: 1, grid: { show: false }, size: 60 });
    // Versions sit half a step inside the edges (ticks only at whole versions); a single
    // drift check gets an hour either side.
    var scales = { x: { time: !byVersion } };
    if (byVersion) {
      var only = chart.x.length === 1 ? chart.x[0] : null;  // uPlot widens one point to +-1
      scales.x.range = function (u, min, max) {
        return only === null ? [min - 0.5, max + 0.5] : [only - 0.5, only + 0.5];
      };
    } else if (chart.x.length === 1) {
      scales.x.range = [chart.x[0] - 3600, chart.x[0] + 3600];
    }
    return { width: width(el), height: 260, series: series, axes: axes, scales: scales, legend: { live: true } };
  }

  function data(chart) {
    var out = [chart.x];
    chart.series.forEach(function (s) { out.push(s.values); });
    (chart.lines || []).forEach(function (l) { out.push(chart.x.map(function () { return l.value; })); });
    return out;
  }

  function draw() {
    if (typeof window.uPlot !== 'function') return;
    var plots = [];
    readCharts().forEach(function (chart) {
      var el = document.getElementById(chart.id);
      if (!el || !chart.x || chart.x.length === 0) return;
      el.textContent = '';
      var plot = new window.uPlot(options(chart, el), data(chart), el);
      el.setAttribute('data-drawn', 'true');
      plots.push({ plot: plot, el: el });
    });
    var timer = 0;
    window.addEventListener('resize', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        plots.forEach(function (p) { p.plot.setSize({ width: width(p.el), height: 260 }); });
      }, 150);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
