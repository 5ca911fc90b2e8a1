// Draws the neighbourhood graph with Cytoscape.js from the JSON embedded in the page.
// Rings: the entity in the middle, entities linked to it by claims next, those only named in
// the same documents outside. Link names show when the pointer is on a node or a line.
(function () {
  "use strict";
  var holder = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!holder || !source || typeof window.cytoscape !== "function") { return; }
  var data = JSON.parse(source.textContent);
  var colours = { Person: "#3b82f6", Organization: "#f59e0b", Country: "#10b981", Place: "#10b981", Other: "#9ca3af" };
  var claimed = {};
  data.edges.forEach(function (e) {
    if (e.kind !== "co-mentioned") { claimed[e.source] = true; claimed[e.target] = true; }
  });
  var elements = [];
  data.nodes.forEach(function (n) {
    var ring = n.centre ? 3 : (claimed[n.id] ? 2 : 1);
    elements.push({ data: { id: "n" + n.id, entity: n.id, label: n.name, colour: colours[n.type] || "#9ca3af", centre: n.centre ? 1 : 0, ring: ring } });
  });
  data.edges.forEach(function (e, i) {
    var together = e.kind === "co-mentioned";
    elements.push({ data: { id: "e" + i, source: "n" + e.source, target: "n" + e.target, label: together ? "named together " + e.count + "×" : e.kind.replace(/_/g, " ") + (e.count > 1 ? " ×" + e.count : ""), together: together ? 1 : 0, weight: Math.min(6, 1 + e.count) } });
  });
  var cy = window.cytoscape({
    container: holder,
    elements: elements,
    minZoom: 0.3,
    maxZoom: 3,
    wheelSensitivity: 0.3,
    layout: {
      name: "concentric", animate: false, padding: 30, minNodeSpacing: 46, startAngle: 3 / 2 * Math.PI,
      concentric: function (node) { return node.data("ring"); }, levelWidth: function () { return 1; }
    },
    style: [
      { selector: "node", style: { "background-color": "data(colour)", "label": "data(label)", "font-size": 12, "font-family": "system-ui, sans-serif", "color": "#1d2330", "text-valign": "bottom", "text-margin-y": 4, "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2, "width": 22, "height": 22 } },
      { selector: "node[centre = 1]", style: { "width": 40, "height": 40, "font-size": 14, "font-weight": "bold", "border-width": 3, "border-color": "#1d2330" } },
      { selector: "edge", style: { "width": "data(weight)", "line-color": "#94a3b8", "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": "#94a3b8", "font-size": 11, "font-family": "system-ui, sans-serif", "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-background-padding": 2 } },
      { selector: "edge[together = 1]", style: { "line-style": "dashed", "target-arrow-shape": "none", "line-color": "#d5dce6", "width": 1.5 } },
      { selector: "edge.lit", style: { "label": "data(label)", "line-color": "#1f5fa8", "target-arrow-color": "#1f5fa8", "z-index": 10 } },
      { selector: "node.dim, edge.dim", style: { "opacity": 0.25 } }
    ]
  });
  function light(edges) {
    cy.elements().addClass("dim");
    edges.removeClass("dim").addClass("lit");
    edges.connectedNodes().removeClass("dim");
  }
  function unlight() { cy.elements().removeClass("dim lit"); holder.style.cursor = ""; }
  cy.on("mouseover", "node", function (evt) { light(evt.target.connectedEdges()); evt.target.removeClass("dim"); holder.style.cursor = "pointer"; });
  cy.on("mouseover", "edge", function (evt) { light(evt.target); });
  cy.on("mouseout", "node, edge", unlight);
  cy.on("tap", "node", function (evt) { window.location.href = "/entity/" + evt.target.data("entity"); });
  window.dossierGraph = cy;
  holder.setAttribute("data-nodes", String(cy.nodes().length));
})();
