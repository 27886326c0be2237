/* Dashboard charts. Each chart element names the json_script block holding its data
   (data-source); the same numbers fill the table view under it and the CSV download, so the
   chart only draws. Values arrive as exact decimal strings and become numbers here, to draw.
   Charts are drawn on page load and again in any fragment htmx swaps in (period, map). */
(function () {
  "use strict";

  var COLORS = { green: "#1d6b3a", yellow: "#d99a00", red: "#c00000", none: "#b8bec6", grey: "#b8bec6" };
  var geoPromise = null;

  function num(text) { return text === null || text === undefined ? null : Number(text); }

  function labels() {
    var holder = document.getElementById("dashboard-labels");
    return holder ? holder.dataset : {};
  }

  function readData(el) {
    var source = document.getElementById(el.dataset.source);
    return source ? JSON.parse(source.textContent) : null;
  }

  function narrow() { return window.innerWidth < 600; }

  function start(el, height) {
    var old = window.echarts.getInstanceByDom(el);
    if (old) { old.dispose(); }
    if (height) { el.style.height = height + "px"; }
    return window.echarts.init(el, null, { renderer: "svg" });
  }

  function pct(share) { return share === null ? "—" : (share * 100).toFixed(1) + "%"; }

  function drawSections(el, data) {
    var L = labels();
    var rows = data.rows;
    var chart = start(el, rows.length * 34 + 70);
    var names = rows.map(function (r) { return r.label; });
    var series = ["green", "yellow", "red", "none"].map(function (color) {
      return {
        name: L[color] || color, type: "bar", stack: "lights", barWidth: 18,
        itemStyle: { color: COLORS[color] },
        label: { show: true, color: color === "none" ? "#1f2329" : "#fff", fontSize: 11,
          formatter: function (p) { return p.value ? String(p.value) : ""; } },
        data: rows.map(function (r) { return r[color]; })
      };
    });
    chart.setOption({
      animation: false,
      grid: { left: narrow() ? 96 : 220, right: 16, top: 32, bottom: 24 },
      legend: { top: 0 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: names,
        axisLabel: { width: narrow() ? 88 : 210, overflow: "truncate" } },
      series: series
    });
    return chart;
  }

  function drawBullets(el, data) {
    var L = labels();
    var rows = data.rows;
    var chart = start(el, rows.length * 36 + 80);
    var shares = [];
    rows.forEach(function (r) {
      var p = num(r.progress_share);
      var f = forecastShare(r);
      if (p !== null) { shares.push(p); }
      if (f !== null) { shares.push(f); }
    });
    var high = Math.min(Math.max.apply(null, shares.concat([1.1])), 1.6);
    var low = Math.max(Math.min.apply(null, shares.concat([0])), -0.5);
    function forecastShare(r) {
      var y0 = num(r.baseline), target = num(r.target), f = num(r.forecast);
      if (y0 === null || target === null || f === null || target === y0) { return null; }
      return (f - y0) / (target - y0);
    }
    function point(r, value) { return { value: value, row: r }; }
    var names = rows.map(function (r) { return r.name; });
    chart.setOption({
      animation: false,
      grid: { left: narrow() ? 110 : 280, right: 20, top: 36, bottom: 36 },
      legend: { top: 0, type: "scroll", data: [
        { name: L.actual, itemStyle: { color: COLORS.green } }, { name: L.expected },
        { name: L.target }, { name: L.forecast }] },
      tooltip: {
        trigger: "axis", axisPointer: { type: "shadow" },
        formatter: function (items) {
          var r = items[0].data.row;
          var lines = ["<b>" + r.name + "</b>"];
          if (r.note) { lines.push(r.note); }
          lines.push(L.baseline + ": " + (r.baseline || "—") + " " + r.unit);
          lines.push(L.latest + ": " + (r.latest || "—") + " " + r.unit + (r.latest_period ? " (" + r.latest_period + ")" : ""));
          lines.push(L.target + ": " + (r.target || "—") + " " + r.unit);
          if (r.forecast) { lines.push(L.forecast + ": " + r.forecast + " " + r.unit); }
          lines.push(L.actual + " P: " + pct(num(r.progress_share)) + " · " + L.expected + " E: " + pct(num(r.expected_share)));
          return lines.join("<br>");
        }
      },
      xAxis: { type: "value", min: Math.floor(low * 10) / 10, max: Math.ceil(high * 10) / 10,
        axisLabel: { formatter: function (v) {
          if (v === 0) { return L.baseline; }
          if (v === 1) { return L.target; }
          return Math.round(v * 100) + "%";
        } },
        splitLine: { lineStyle: { color: "#eef0f2" } } },
      yAxis: { type: "category", inverse: true, data: names,
        axisLabel: { width: narrow() ? 100 : 270, overflow: "truncate",
          formatter: function (value, index) {
            return rows[index].progress_share === null ? "{muted|" + value + "}" : value;
          },
          rich: { muted: { color: "#8a9099" } } } },
      series: [
        { name: L.range, type: "bar", barWidth: 22, barGap: "-100%", silent: true,
          itemStyle: { color: "#eef0f2" },
          data: rows.map(function (r) { return point(r, r.progress_share === null ? 0 : 1); }) },
        { name: L.expected, type: "bar", barWidth: 22, barGap: "-100%",
          itemStyle: { color: "#d5d9de" },
          data: rows.map(function (r) { return point(r, num(r.expected_share)); }) },
        { name: L.actual, type: "bar", barWidth: 8, barGap: "-100%",
          itemStyle: { color: function (p) { return COLORS[p.data.row.light] || COLORS.grey; } },
          data: rows.map(function (r) { return point(r, num(r.progress_share)); }) },
        { name: L.target, type: "scatter", symbol: "rect", symbolSize: [3, 24],
          itemStyle: { color: "#1f2329" },
          data: rows.map(function (r) { return point(r, r.progress_share === null ? null : 1); }) },
        { name: L.forecast, type: "scatter", symbol: "diamond", symbolSize: 11,
          itemStyle: { color: "#0b4f9c" },
          data: rows.map(function (r) { return point(r, forecastShare(r)); }) }
      ]
    });
    chart.on("click", function (p) {
      if (p.data && p.data.row && p.data.row.href) { window.location.href = p.data.row.href; }
    });
    return chart;
  }

  function loadGeo(url) {
    if (!geoPromise) {
      geoPromise = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { throw new Error("map " + response.status); }
        return response.json();
      }).then(function (geo) {
        window.echarts.registerMap("gansu", geo);
        return geo;
      });
    }
    return geoPromise;
  }

  function drawMap(el, data) {
    var L = labels();
    el.style.height = narrow() ? "380px" : "520px";
    return loadGeo(el.dataset.geoUrl).then(function (geo) {
      // The geojson names its features by name and adcode (6201); rows carry the region code
      // (620100). Match by adcode, then by name, so a renamed feature still finds its row.
      var byAdcode = {};
      var names = {};
      geo.features.forEach(function (f) { byAdcode[String(f.id)] = f.properties.name; names[f.properties.name] = true; });
      var points = data.rows.map(function (r) {
        var name = byAdcode[r.adcode] || (names[r.name] ? r.name : null);
        return { name: name || r.name, value: num(r.value), code: r.code, href: r.href, light: r.light };
      });
      var chart = start(el);
      chart.setOption({
        animation: false,
        title: { text: L.sketch, left: 4, top: 0, textStyle: { fontSize: 12, color: "#6b7280", fontWeight: "normal" } },
        tooltip: { trigger: "item", formatter: function (p) {
          var value = p.data && p.data.value !== null && p.data.value !== undefined ? p.data.value + "%" : L.nodata;
          return p.name + "<br>" + data.label + ": " + value;
        } },
        visualMap: { min: 0, max: 100, calculable: false, orient: "horizontal", left: "center", bottom: 0,
          text: ["100%", "0"], itemHeight: narrow() ? 120 : 180,
          inRange: { color: ["#f6d5d5", "#f3dfae", "#a9d6b6", "#1d6b3a"] } },
        series: [{
          type: "map", map: "gansu", roam: false, selectedMode: false,
          top: 24, bottom: 48, left: 4, right: 4,
          label: { show: !narrow(), fontSize: 10, color: "#1f2329" },
          itemStyle: { areaColor: "#e5e7eb", borderColor: "#fff" },
          emphasis: { label: { show: true }, itemStyle: { areaColor: "#5b9bd5" } },
          data: points
        }]
      });
      chart.on("click", function (p) {
        if (p.data && p.data.href) { window.location.href = p.data.href; }
      });
      el.dataset.drawn = "1";
      return chart;
    }).catch(function () {
      el.textContent = L.mapmissing || "";
      el.classList.add("chart-missing");
    });
  }

  function drawLights(el, data) {
    var chart = start(el);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "item" },
      legend: { bottom: 0 },
      series: [{ type: "pie", radius: ["45%", "70%"], top: 0, bottom: 28,
        label: { formatter: "{b}: {c}" },
        data: data.rows.filter(function (r) { return r.value > 0; }).map(function (r) {
          return { name: r.label, value: r.value, itemStyle: { color: COLORS[r.light] } };
        }) }]
    });
    return chart;
  }

  var DRAW = { sections: drawSections, bullets: drawBullets, map: drawMap, lights: drawLights };

  function drawAll(root) {
    if (typeof window.echarts === "undefined") { return; }
    var scope = root && root.querySelectorAll ? root : document;
    var elements = Array.prototype.slice.call(scope.querySelectorAll("[data-chart]"));
    if (scope.matches && scope.matches("[data-chart]")) { elements.push(scope); }
    elements.forEach(function (el) {
      var data = readData(el);
      var draw = DRAW[el.dataset.chart];
      if (data && draw) { draw(el, data); }
    });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      document.querySelectorAll("[data-chart]").forEach(function (el) {
        var chart = window.echarts && window.echarts.getInstanceByDom(el);
        if (chart) { chart.resize(); }
      });
    }, 150);
  });

  // htmx fires htmx:load on the body once it starts and on every fragment it swaps in.
  if (window.htmx) {
    document.addEventListener("htmx:load", function (event) { drawAll(event.target); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  } else {
    drawAll(document);
  }
}());
