// Draws the samepage report's charts with Chart.js from the JSON in #report-data, then records in the DOM what it
// drew: on each canvas data-points (points or bars given to Chart.js), data-series-pixels (pixels inside the plot
// area, data-chart-area, painted exactly in a dataset's colour, read back with getImageData), and on <body>
// data-rendered (the number of charts drawn) or data-render-error. Animations are off, so the first frame is the
// final one.
(function () {
  'use strict';
  var palette = [[31, 119, 180], [214, 39, 40], [44, 160, 44], [148, 103, 189], [255, 127, 14], [140, 86, 75],
    [227, 119, 194], [127, 127, 127]];

  function rgb(c) { return 'rgb(' + c[0] + ',' + c[1] + ',' + c[2] + ')'; }
  function rgba(c, a) { return 'rgba(' + c[0] + ',' + c[1] + ',' + c[2] + ',' + a + ')'; }

  function lineChart(id, series, start, end, yTitle) {
    var datasets = series.map(function (s, i) {
      var c = palette[i % palette.length];
      return {
        label: s.label, stepped: true, borderColor: rgb(c), backgroundColor: rgba(c, 0.3), borderWidth: 3,
        pointRadius: 3, pointBackgroundColor: rgb(c), fill: false,
        data: s.points.map(function (p) { return { x: p[0], y: p[1] }; })
      };
    });
    return draw(id, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        scales: {
          // A recording shorter than the JSON's millisecond resolution has end 0: let Chart.js choose then.
          x: { type: 'linear', min: 0, max: end > 0 ? end : undefined,
            title: { display: true, text: 'seconds since ' + start } },
          y: { beginAtZero: true, title: { display: true, text: yTitle } }
        }
      }
    }, datasets.length);
  }

  function barChart(id, sites) {
    var datasets = sites.datasets.map(function (d, i) {
      var c = palette[i % palette.length];
      return { label: d.label, backgroundColor: rgb(c), borderColor: rgb(c), data: d.values };
    });
    return draw(id, {
      type: 'bar',
      data: { labels: sites.labels, datasets: datasets },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, title: { display: true, text: 'MiB' } } } }
    }, datasets.length);
  }

  function draw(id, config, colours) {
    var canvas = document.getElementById(id);
    config.options.animation = false;
    config.options.responsive = false;
    config.options.devicePixelRatio = 1;
    config.options.plugins = { legend: { position: 'bottom' } };
    var chart = new Chart(canvas, config);
    var points = chart.data.datasets.reduce(function (n, d) { return n + d.data.length; }, 0);
    canvas.setAttribute('data-points', String(points));
    return { chart: chart, canvas: canvas, colours: colours };
  }

  // Read back after the browser has painted a frame, as a viewer would see the charts.
  function recordPixels(drawn) {
    drawn.forEach(function (d) {
      var area = d.chart.chartArea;
      d.canvas.setAttribute('data-chart-area', [area.left, area.top, area.right, area.bottom].map(Math.round).join(','));
      d.canvas.setAttribute('data-series-pixels', String(seriesPixels(d.canvas, area, d.colours)));
    });
    document.body.setAttribute('data-rendered', String(drawn.length));
  }

  function seriesPixels(canvas, area, colours) {
    var left = Math.floor(area.left), top = Math.floor(area.top);
    var width = Math.ceil(area.right) - left, height = Math.ceil(area.bottom) - top;
    if (width <= 0 || height <= 0) {
      return 0;
    }
    var pixels = canvas.getContext('2d').getImageData(left, top, width, height).data;
    var used = palette.slice(0, Math.min(colours, palette.length));
    var count = 0;
    for (var i = 0; i < pixels.length; i += 4) {
      for (var j = 0; j < used.length; j++) {
        if (pixels[i] === used[j][0] && pixels[i + 1] === used[j][1] && pixels[i + 2] === used[j][2]
            && pixels[i + 3] === 255) {
          count++;
          break;
        }
      }
    }
    return count;
  }

  var body = document.body;
  try {
    if (typeof Chart === 'undefined') {
      throw new Error('Chart.js did not load');
    }
    var data = JSON.parse(document.getElementById('report-data').textContent);
    var drawn = [lineChart('chart-savings', data.savings, data.start, data.end, 'MiB'),
      lineChart('chart-cow', data.cow, data.start, data.end, 'MiB broken'),
      barChart('chart-sites', data.sites)];
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        try {
          recordPixels(drawn);
        } catch (e) {
          body.setAttribute('data-render-error', String(e && e.message ? e.message : e));
        }
      });
    });
  } catch (e) {
    body.setAttribute('data-render-error', String(e && e.message ? e.message : e));
  }
})();
