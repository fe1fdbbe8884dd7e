// Draws the dashboards' charts from the page's JSON data block (no inline script: CSP-friendly).
// Every chart is also a table on the page; the charts are for the eye.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  var palette = ['#0b5cad', '#2da44e', '#bf8700', '#cf222e', '#8250df', '#57606a'];
  window.relanceCharts = {};

  function chart(canvas, config, key) {
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    window.relanceCharts[key] = new Chart(canvas, config);
  }

  document.querySelectorAll('canvas.aging-chart').forEach(function (canvas) {
    var currency = canvas.dataset.currency;
    var row = data.aging[currency];
    chart(canvas, {
      type: 'bar',
      data: { labels: data.bucketLabels, datasets: [{ label: 'Outstanding ' + currency, data: row.amounts,
        backgroundColor: ['#2da44e', '#bf8700', '#d1670f', '#cf222e', '#82071e'] }] },
      options: { plugins: { legend: { display: false }, tooltip: { callbacks: { afterLabel: function (ctx) {
        return row.counts[ctx.dataIndex] + ' invoice(s)'; } } } } }
    }, 'aging-' + currency);
  });

  document.querySelectorAll('canvas.collection-chart').forEach(function (canvas) {
    var currency = canvas.dataset.currency;
    var m = data.collection[currency];
    chart(canvas, {
      type: 'line',
      data: { labels: m.months, datasets: [
        { label: 'DSO (days)', data: m.dso, borderColor: palette[0], backgroundColor: palette[0], yAxisID: 'days' },
        { label: 'CEI (%)', data: m.cei, borderColor: palette[1], backgroundColor: palette[1], yAxisID: 'percent' }] },
      options: { scales: { days: { position: 'left', beginAtZero: true, title: { display: true, text: 'days' } },
        percent: { position: 'right', beginAtZero: true, suggestedMax: 100, title: { display: true, text: '%' },
          grid: { drawOnChartArea: false } } } }
    }, 'collection-' + currency);
  });

  var stagesCanvas = document.getElementById('stages-chart');
  if (stagesCanvas) {
    var stageNames = [];
    Object.keys(data.stages).forEach(function (c) {
      data.stages[c].stages.forEach(function (s) { if (stageNames.indexOf(s) < 0) { stageNames.push(s); } });
    });
    chart(stagesCanvas, {
      type: 'bar',
      data: { labels: stageNames, datasets: Object.keys(data.stages).map(function (c, i) {
        var s = data.stages[c];
        return { label: c, backgroundColor: palette[i % palette.length],
          data: stageNames.map(function (n) { var k = s.stages.indexOf(n); return k < 0 ? 0 : s.amounts[k]; }) };
      }) }
    }, 'stages');
  }

  var remindersCanvas = document.getElementById('reminders-chart');
  if (remindersCanvas) {
    chart(remindersCanvas, {
      type: 'bar',
      data: { labels: data.reminders.months, datasets: Object.keys(data.reminders.channels).map(function (c, i) {
        return { label: c, data: data.reminders.channels[c], backgroundColor: palette[i % palette.length] };
      }) },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
    }, 'reminders');
  }
}());
