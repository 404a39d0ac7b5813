// The page's only script of our own, as plain ES2017 text. It reads chart specs from the JSON block (never from
// interpolated JS), embeds them, and exposes `window.__accessbench` so tests (and curious readers) can await rendering.
// `ast: true` makes vega-embed evaluate expressions with vega's bundled interpreter instead of `new Function`,
// which is what lets the page run under a CSP without 'unsafe-eval'.
export const CLIENT_JS = `
(function () {
  'use strict';
  var block = document.getElementById('accessbench-data');
  var data = JSON.parse(block ? block.textContent : '{"charts":[]}');
  var containers = {};
  Array.prototype.forEach.call(document.querySelectorAll('[data-chart]'), function (el) {
    containers[el.getAttribute('data-chart')] = el;
  });
  var options = { actions: false, renderer: 'svg', ast: true };
  var rendered = Promise.all(data.charts.map(function (chart) {
    var el = containers[chart.id];
    if (!el) return Promise.reject(new Error('no container for chart ' + chart.id));
    return vegaEmbed(el, chart.spec, options).then(function () { return chart.id; }, function (err) {
      el.textContent = 'This chart failed to render: ' + (err && err.message ? err.message : String(err));
      el.className += ' chart-error';
      throw err;
    });
  }));
  window.__accessbench = { charts: data.charts.map(function (c) { return c.id; }), rendered: rendered };
  rendered.catch(function (err) { console.error('accessbench: chart rendering failed:', err); });
})();
`;
