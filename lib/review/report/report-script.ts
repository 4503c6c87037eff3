/**
 * The report page's only script, inlined: environment tabs, zoom and pan of the graphs, and the
 * details panel of a clicked node. Plain DOM (no library, nothing fetched); data comes from the
 * page's `<script type="application/json" id="report-data">`, and is written with textContent.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var tabs = document.querySelectorAll('[data-tab]');
  function show(env) {
    tabs.forEach(function (t) { t.setAttribute('aria-selected', String(t.getAttribute('data-tab') === env)); });
    document.querySelectorAll('.graph-panel').forEach(function (p) { p.hidden = p.getAttribute('data-env') !== env; });
  }
  tabs.forEach(function (t) { t.addEventListener('click', function () { show(t.getAttribute('data-tab')); }); });

  document.querySelectorAll('.graph-panel').forEach(function (panel) {
    var viewport = panel.querySelector('.viewport');
    var svg = viewport.querySelector('svg');
    var view = { x: 0, y: 0, s: 1 };
    function apply() { svg.style.transform = 'translate(' + view.x + 'px,' + view.y + 'px) scale(' + view.s + ')'; }
    function zoom(factor) { view.s = Math.min(4, Math.max(0.25, view.s * factor)); apply(); }
    panel.querySelectorAll('[data-zoom]').forEach(function (b) {
      b.addEventListener('click', function () {
        var how = b.getAttribute('data-zoom');
        if (how === 'in') zoom(1.25); else if (how === 'out') zoom(0.8); else { view = { x: 0, y: 0, s: 1 }; apply(); }
      });
    });
    viewport.addEventListener('wheel', function (e) { e.preventDefault(); zoom(e.deltaY < 0 ? 1.1 : 0.9); }, { passive: false });
    var drag = null;
    viewport.addEventListener('pointerdown', function (e) { if (!e.target.closest('.node')) drag = { x: e.clientX - view.x, y: e.clientY - view.y }; });
    window.addEventListener('pointerup', function () { drag = null; });
    viewport.addEventListener('pointermove', function (e) { if (drag) { view.x = e.clientX - drag.x; view.y = e.clientY - drag.y; apply(); } });
    panel.querySelectorAll('.node').forEach(function (node) {
      function open() { details(panel.getAttribute('data-env'), node.getAttribute('data-id')); }
      node.addEventListener('click', open);
      node.addEventListener('keydown', function (e) { if (e.key === 'Enter') open(); });
    });
  });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function link(url, text) { var a = el('a', text); a.href = url; a.rel = 'noopener'; return a; }
  function list(title, items) {
    var box = el('div');
    box.appendChild(el('h4', title));
    var ul = el('ul');
    items.forEach(function (i) { var li = el('li'); li.appendChild(typeof i === 'string' ? document.createTextNode(i) : i); ul.appendChild(li); });
    if (items.length === 0) ul.appendChild(el('li', 'none'));
    box.appendChild(ul);
    return box;
  }
  function details(env, id) {
    var panel = document.getElementById('details');
    panel.textContent = '';
    var app = data.apps.find(function (a) { return a.environments.some(function (e) { return e.environment === env && e.nodes.indexOf(id) >= 0; }); });
    var graph = data.graphs.find(function (g) { return g.environment === env; });
    var edges = graph.edges.filter(function (e) { return e.from === id || e.to === id; });
    if (!app) {
      var node = graph.nodes.find(function (n) { return n.id === id; });
      panel.appendChild(el('h3', id));
      panel.appendChild(el('p', node ? node.kind + ' (' + node.group + ')' : ''));
    } else {
      var here = app.environments.find(function (e) { return e.environment === env; });
      panel.appendChild(el('h3', app.id));
      panel.appendChild(el('p', app.kind + ' in ' + env + (app.description ? ': ' + app.description : ''), 'muted'));
      var facts = el('dl');
      [['owner', app.owner], ['source', app.source], ['golden path', app.conformance.onGoldenPath ? 'on the path' : 'off the path']].forEach(function (f) {
        facts.appendChild(el('dt', f[0])); facts.appendChild(el('dd', f[1]));
      });
      panel.appendChild(facts);
      panel.appendChild(list('Public hosts', here.hosts));
      panel.appendChild(list('Dashboards', here.dashboard ? [link(here.dashboard.url, here.dashboard.title)] : []));
      panel.appendChild(list('Runbooks', here.runbooks.map(function (r) { return link(r.url, r.alert); })));
      panel.appendChild(list('SLOs', here.slos));
      panel.appendChild(list('Objects', here.objects));
    }
    panel.appendChild(list('Connections', edges.map(function (e) { return e.from + ' \\u2192 ' + e.to + ' on ' + e.ports.join(', '); })));
    panel.setAttribute('data-selected', id);
  }
  var initial = document.querySelector('[data-tab][aria-selected="true"]');
  if (initial) show(initial.getAttribute('data-tab'));
})();
`;
