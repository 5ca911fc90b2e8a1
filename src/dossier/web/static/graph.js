// Draws the neighbourhood graph with Cytoscape.js from the JSON embedded in the page.
(function () {
  "use strict";
  var holder = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!holder || !source || typeof window.cytoscape !== "function") { return; }
  var data = JSON.parse(source.textContent);
  var colours = { Person: "#3b82f6", Organization: "#f59e0b", Country: "#10b981", Place: "#10b981", Other: "#9ca3af" };
  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ data: { id: "n" + n.id, entity: n.id, label: n.name, colour: colours[n.type] || "#9ca3af", centre: n.centre ? 1 : 0 } });
  });
  data.edges.forEach(function (e, i) {
    elements.push({ data: { id: "e" + i, source: "n" + e.source, target: "n" + e.target, label: e.kind === "co-mentioned" ? "" : e.kind.replace("_", " "), together: e.kind === "co-mentioned" ? 1 : 0, weight: Math.min(6, 1 + e.count) } });
  });
  var cy = window.cytoscape({
    container: holder,
    elements: elements,
    layout: { name: "cose", animate: false, padding: 30 },
    style: [
      { selector: "node", style: { "background-color": "data(colour)", "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4, "width": 22, "height": 22 } },
      { selector: "node[centre = 1]", style: { "width": 38, "height": 38, "font-weight": "bold", "border-width": 3, "border-color": "#1d2330" } },
      { selector: "edge", style: { "width": "data(weight)", "line-color": "#94a3b8", "label": "data(label)", "font-size": 9, "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": "#94a3b8" } },
      { selector: "edge[together = 1]", style: { "line-style": "dashed", "target-arrow-shape": "none", "line-color": "#cbd5e1" } }
    ]
  });
  cy.on("tap", "node", function (evt) { window.location.href = "/entity/" + evt.target.data("entity"); });
  window.dossierGraph = cy;
  holder.setAttribute("data-nodes", String(cy.nodes().length));
})();
