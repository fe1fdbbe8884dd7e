// The what-if run page: polls the job while it runs (the <progress> bar), reloads for the result,
// then draws its two charts from the page's JSON data block. No inline script: CSP-friendly.
(function () {
  'use strict';
  var main = document.getElementById('main');
  var bar = document.getElementById('job-progress');
  if (bar) {
    var percent = document.getElementById('job-percent');
    var poll = function () {
      fetch(main.dataset.jobUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          bar.value = job.percent;
          bar.textContent = job.percent + ' %';
          percent.textContent = job.percent;
          if (job.state === 'SUCCEEDED' || job.state === 'FAILED') {
            window.location.reload();
          } else {
            window.setTimeout(poll, 700);
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 300);
  }

  var block = document.getElementById('what-if-data');
  if (!block || typeof Chart === 'undefined') {
    return;
  }
  var data = JSON.parse(block.textContent);
  var palette = ['#0b5cad', '#2da44e', '#bf8700', '#cf222e', '#8250df', '#57606a'];
  function stacked(id, series) {
    var canvas = document.getElementById(id);
    return new Chart(canvas, {
      type: 'bar',
      data: { labels: data.days, datasets: Object.keys(series).map(function (k, i) {
        return { label: k, data: series[k], backgroundColor: palette[i % palette.length] };
      }) },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }
  window.relanceCharts = { reminders: stacked('reminders-per-day', data.reminders), tasks: stacked('tasks-per-day', data.tasks) };
}());
