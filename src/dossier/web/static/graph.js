// Draws the neighbourhood graph with Cytoscape.js from the JSON embedded in the page.
// A force-directed (cose) layout places linked entities near each other; the most linked
// neighbours are labelled at a size that stays legible at any zoom, the others when pointed at. Check boxes show or hide each kind of claim; clicking a line lists the sentences
// that state it (each linked to its article), clicking a node opens its dossier.
// Article text only ever enters the page through textContent, never as markup.
(function () {
  "use strict";
  var holder = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!holder || !source || typeof window.cytoscape !== "function") { return; }
  var data = JSON.parse(source.textContent);
  var colours = { Person: "#2563eb", Organization: "#d97706", Country: "#059669", Place: "#059669", Other: "#6b7280" };
  // The most linked neighbours keep their names on screen at any zoom; the others show
  // theirs when pointed at, so a crowded graph stays legible.
  var LABELLED = 24;
  var strength = {};
  data.edges.forEach(function (e) {
    var w = e.kind === "co-mentioned" ? 1 : 3 * e.count;
    strength[e.source] = (strength[e.source] || 0) + w;
    strength[e.target] = (strength[e.target] || 0) + w;
  });
  var ranked = data.nodes.slice().sort(function (a, b) { return (strength[b.id] || 0) - (strength[a.id] || 0); });
  var named = {};
  ranked.slice(0, LABELLED).forEach(function (n) { named[n.id] = true; });
  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ data: { id: "n" + n.id, entity: n.id, label: n.name, colour: colours[n.type] || "#6b7280", centre: n.centre ? 1 : 0, named: (n.centre || named[n.id]) ? 1 : 0 } });
  });
  data.edges.forEach(function (e, i) {
    var together = e.kind === "co-mentioned";
    elements.push({ data: {
      id: "e" + i, index: i, kind: e.kind, source: "n" + e.source, target: "n" + e.target,
      label: together ? "named together " + e.count + "×" : e.kind.replace(/_/g, " ") + (e.count > 1 ? " ×" + e.count : ""),
      together: together ? 1 : 0, weight: Math.min(7, 1.5 + e.count)
    } });
  });
  var cy = window.cytoscape({
    container: holder,
    elements: elements,
    minZoom: 0.3,
    maxZoom: 3,
    wheelSensitivity: 0.3,
    layout: {
      name: "cose", animate: false, randomize: false, padding: 40, nodeDimensionsIncludeLabels: true,
      idealEdgeLength: function (edge) { return edge.data("together") ? 170 : 120; },
      nodeRepulsion: function () { return 90000; }, edgeElasticity: function (edge) { return edge.data("together") ? 40 : 100; },
      gravity: 0.4, numIter: 1500, componentSpacing: 80
    },
    style: [
      { selector: "node", style: { "background-color": "data(colour)", "label": "data(label)", "font-size": 13, "font-family": "system-ui, sans-serif", "color": "#111827", "text-valign": "bottom", "text-margin-y": 5, "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-background-padding": 2, "text-wrap": "wrap", "text-max-width": 140, "width": 20, "height": 20, "min-zoomed-font-size": 7 } },
      { selector: "node[centre = 1]", style: { "width": 38, "height": 38, "font-size": 16, "font-weight": "bold", "border-width": 3, "border-color": "#111827" } },
      { selector: "edge", style: { "width": "data(weight)", "line-color": "#64748b", "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": "#64748b", "label": "data(label)", "font-size": 11, "color": "#334155", "font-family": "system-ui, sans-serif", "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-background-padding": 1, "min-zoomed-font-size": 9 } },
      { selector: "edge[together = 1]", style: { "line-style": "dashed", "target-arrow-shape": "none", "line-color": "#cbd5e1", "width": 1.5, "label": "" } },
      { selector: "edge.lit", style: { "line-color": "#1d4ed8", "target-arrow-color": "#1d4ed8", "z-index": 10, "label": "data(label)" } },
      { selector: "node[named = 0]", style: { "label": "" } },
      { selector: "node.near", style: { "label": "data(label)", "z-index": 20 } },
      { selector: "node.dim, edge.dim", style: { "opacity": 0.2 } },
      { selector: ".hidden", style: { "display": "none" } }
    ]
  });
  // Once laid out, labels are sized to read at 13px on screen at the zoom the layout
  // needed; on a crowded graph, a line's label shows only when it is pointed at.
  var z = cy.zoom();
  var crowded = data.edges.filter(function (e) { return e.kind !== "co-mentioned"; }).length > 12;
  cy.style()
    .selector("node").style({ "font-size": 13 / z, "text-max-width": 140 / z, "text-margin-y": 5 / z })
    .selector("node[centre = 1]").style({ "font-size": 16 / z })
    .selector("edge").style({ "font-size": 11 / z, "label": crowded ? "" : "data(label)" })
    .selector("edge[together = 1]").style({ "label": "" })
    .selector("edge.lit").style({ "label": "data(label)" })
    .selector("node[named = 0]").style({ "label": "" })
    .selector("node.near").style({ "label": "data(label)" })
    .update();
  function light(edges) {
    cy.elements().addClass("dim");
    edges.removeClass("dim").addClass("lit");
    edges.connectedNodes().removeClass("dim").addClass("near");
  }
  function unlight() { cy.elements().removeClass("dim lit near"); holder.style.cursor = ""; }
  cy.on("mouseover", "node", function (evt) { light(evt.target.connectedEdges()); evt.target.removeClass("dim"); holder.style.cursor = "pointer"; });
  cy.on("mouseover", "edge", function (evt) { light(evt.target); holder.style.cursor = "pointer"; });
  cy.on("mouseout", "node, edge", unlight);
  cy.on("tap", "node", function (evt) { window.location.href = "/entity/" + evt.target.data("entity"); });

  var panel = document.getElementById("edge-evidence");
  function el(tag, text, cls) { var x = document.createElement(tag); if (text) { x.textContent = text; } if (cls) { x.className = cls; } return x; }
  function showEvidence(index) {
    if (!panel) { return; }
    var e = data.edges[index];
    var names = {};
    data.nodes.forEach(function (n) { names[n.id] = n.name; });
    panel.textContent = "";
    panel.appendChild(el("h2", names[e.source] + " — " + e.kind.replace(/_/g, " ") + " — " + names[e.target]));
    if (e.kind === "co-mentioned") {
      var a = el("a", "Named together in " + e.count + " documents: see the dossier of " + names[e.target]);
      a.href = "/entity/" + e.target;
      panel.appendChild(a);
    } else {
      if (e.outlets.length) { panel.appendChild(el("p", "Reported by " + e.outlets.join(", ") + (e.count > e.evidence.length ? " (" + e.count + " claims; the latest " + e.evidence.length + " below)" : ""), "muted")); }
      var list = el("ul", "", "claims");
      e.evidence.forEach(function (ev) {
        var li = el("li", "", "claim");
        var link = el("a", ev.text, "evidence");
        link.href = ev.link;
        li.appendChild(link);
        li.appendChild(el("span", " — " + (ev.outlet || "outlet unknown") + " · " + (ev.date || "undated") + " · " + ev.status, "source"));
        list.appendChild(li);
      });
      panel.appendChild(list);
    }
    panel.hidden = false;
  }
  cy.on("tap", "edge", function (evt) { showEvidence(evt.target.data("index")); });

  document.querySelectorAll("input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      var kind = box.getAttribute("data-kind");
      var edges = cy.edges().filter(function (x) { return x.data("kind") === kind; });
      if (box.checked) { edges.removeClass("hidden"); } else { edges.addClass("hidden"); }
      cy.nodes("[centre = 0]").forEach(function (n) {
        var shown = n.connectedEdges().filter(function (x) { return !x.hasClass("hidden"); }).length > 0;
        if (shown) { n.removeClass("hidden"); } else { n.addClass("hidden"); }
      });
      document.querySelectorAll("tr[data-kind='" + kind + "']").forEach(function (row) { row.hidden = !box.checked; });
    });
  });
  window.dossierGraph = cy;
  window.dossierGraphReady = true;
  holder.setAttribute("data-nodes", String(cy.nodes().length));
})();
