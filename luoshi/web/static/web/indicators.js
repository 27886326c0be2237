/* Indicator chart: draws the data the page embeds with json_script (#indicator-chart-data).
   Values arrive as decimal strings; they become numbers only for drawing. Without ECharts
   (or without JavaScript) the table view under the chart shows the same data. */
(function () {
  "use strict";

  function num(text) { return text === null ? null : Number(text); }

  function draw() {
    var holder = document.getElementById("indicator-chart");
    var source = document.getElementById("indicator-chart-data");
    if (!holder || !source || typeof window.echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var label = function (name) { return holder.dataset["label" + name] || name; };
    var series = [];
    series.push({
      name: label("Actual"), type: "line", symbolSize: 6,
      data: data.actuals.map(function (p) { return [num(p[0]), num(p[1]), p[2], p[3]]; }),
      lineStyle: { width: 2, color: "#0b4f9c" }, itemStyle: { color: "#0b4f9c" }
    });
    if (data.baseline) {
      series.push({ name: label("Baseline"), type: "scatter", symbolSize: 10, symbol: "diamond",
        data: [[num(data.baseline[0]), num(data.baseline[1])]], itemStyle: { color: "#4e5561" } });
    }
    if (data.target) {
      series.push({ name: label("Target"), type: "scatter", symbolSize: 12, symbol: "pin",
        data: [[num(data.target[0]), num(data.target[1])]], itemStyle: { color: "#c00000" } });
    }
    if (data.expected.length) {
      series.push({ name: label("Expected"), type: "line", symbol: "none",
        data: data.expected.map(function (p) { return [num(p[0]), num(p[1])]; }),
        lineStyle: { type: "dashed", color: "#9a5b00" } });
    }
    if (data.forecast.length) {
      series.push({ name: label("Forecast"), type: "line", symbol: "none",
        data: data.forecast.map(function (p) { return [num(p[0]), num(p[1])]; }),
        lineStyle: { type: "dotted", width: 2, color: "#1d6b3a" } });
      // The band: an invisible lower line, then the width stacked on it and filled.
      series.push({ name: label("Band"), type: "line", symbol: "none", stack: "band",
        data: data.band.map(function (p) { return [num(p[0]), num(p[1])]; }),
        lineStyle: { opacity: 0 }, tooltip: { show: false } });
      series.push({ name: label("Band"), type: "line", symbol: "none", stack: "band",
        data: data.band.map(function (p) { return [num(p[0]), num(p[2]) - num(p[1])]; }),
        lineStyle: { opacity: 0 }, areaStyle: { color: "rgba(29,107,58,0.15)" }, tooltip: { show: false } });
    }
    var chart = window.echarts.init(holder, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      grid: { left: 64, right: 16, top: 40, bottom: 32 },
      legend: { top: 0, type: "scroll" },
      tooltip: { trigger: "item", formatter: function (p) {
        var v = p.value || [];
        return (v[2] || v[0]) + "<br>" + p.seriesName + ": " + v[1] + " " + (data.unit || "");
      } },
      xAxis: { type: "value", min: "dataMin", max: "dataMax", minInterval: 1,
        axisLabel: { formatter: function (v) { return Number.isInteger(v) ? String(v) : ""; } } },
      yAxis: { type: "value", scale: true, name: data.unit || "" },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
