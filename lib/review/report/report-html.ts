import { CapacityTotals } from '../capacity-totals';
import { gib, vcpu } from '../capacity-units';
import { escapeXml as h } from '../graph/escape-xml';
import { graphSvg } from '../graph/graph-svg';
import { BarRow, barChart } from './bar-chart';
import { AppReport, FleetReport } from './fleet-report';
import { REPORT_SCRIPT } from './report-script';

/** Nothing may be fetched: the page works from a file and from any static host. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#fff}
header{padding:16px 24px;border-bottom:1px solid #d0d7de;background:#f6f8fa}h1{margin:0 0 4px;font-size:22px}
nav a{margin-right:16px}main{padding:0 24px 48px}section{margin-top:28px}h2{border-bottom:1px solid #d0d7de;padding-bottom:4px}
.muted{color:#57606a}.tabs{display:flex;gap:4px;margin-bottom:8px}.tabs button{border:1px solid #d0d7de;background:#f6f8fa;padding:4px 12px;border-radius:6px;cursor:pointer}
.tabs button[aria-selected=true]{background:#0969da;color:#fff;border-color:#0969da}
.graph-layout{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:16px}
.viewport{border:1px solid #d0d7de;border-radius:6px;overflow:hidden;height:520px;cursor:grab;background:#fff;touch-action:none}
.viewport svg{transform-origin:0 0;width:100%;height:auto}.node{cursor:pointer}.node:hover rect,.node:focus rect{stroke:#0969da;stroke-width:3}
.zoom-controls{margin-bottom:6px}.zoom-controls button{min-width:32px;margin-right:4px}
#details{border:1px solid #d0d7de;border-radius:6px;padding:12px;max-height:560px;overflow:auto;font-size:13px}#details h3{margin-top:0;word-break:break-all}
#details h4{margin:10px 0 2px}#details ul{margin:0;padding-left:18px}dl{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:0}dt{color:#57606a}dd{margin:0;word-break:break-all}
.charts{display:flex;flex-wrap:wrap;gap:16px}table{border-collapse:collapse;width:100%;margin-top:8px;font-size:13px}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;white-space:nowrap}.ok{background:#dafbe1;color:#116329}.warn{background:#fff8c5;color:#7d4e00}.bad{background:#ffebe9;color:#a40e26}
tr.expired td{background:#ffebe9}tr.expiring td{background:#fff8c5}
`;

/** The fleet report as one self-contained HTML page: inline CSS, script, SVG and data, nothing fetched. */
export function reportHtml(report: FleetReport): string {
  const envs = report.environments;
  const selected = envs[envs.length - 1]?.name;
  const data = { apps: report.apps, graphs: envs.map((e) => e.graph) };
  const body = [
    '<header>',
    '<h1>Fleet report</h1>',
    `<p class="muted">${report.apps.length} apps in ${envs.length} environments · waivers measured on ${h(report.date)} · last check: ${report.policy.passed ? '<span class="badge ok">passed</span>' : '<span class="badge bad">failed</span>'}</p>`,
    '<nav><a href="#graph">Service graph</a><a href="#capacity">Capacity</a><a href="#conformance">Golden path</a><a href="#policy">Policy</a></nav>',
    '</header>',
    '<main>',
    '<section id="graph"><h2>Service graph</h2>',
    '<p class="muted">Who may connect to whom, on which ports, as the rendered NetworkPolicies allow (DNS left out). Scroll to zoom, drag to pan, click an app for its details.</p>',
    `<div class="tabs" role="tablist">${envs.map((e) => `<button type="button" role="tab" data-tab="${h(e.name)}" aria-selected="${e.name === selected}">${h(e.name)}</button>`).join('')}</div>`,
    '<div class="graph-layout"><div>',
    ...envs.map(
      (e) =>
        `<div class="graph-panel" data-env="${h(e.name)}"${e.name === selected ? '' : ' hidden'}><div class="zoom-controls"><button type="button" data-zoom="in" title="zoom in">+</button><button type="button" data-zoom="out" title="zoom out">−</button><button type="button" data-zoom="reset">reset</button> <span class="muted">${e.graph.nodes.length} nodes, ${e.graph.edges.length} connections</span></div><div class="viewport">${graphSvg(e.graph)}</div></div>`,
    ),
    '</div><aside id="details" aria-live="polite"><p class="muted">Click an app in the graph to see its objects, owner, dashboards and runbooks.</p></aside></div>',
    '</section>',
    capacitySection(report),
    conformanceSection(report.apps),
    policySection(report),
    '</main>',
    `<script type="application/json" id="report-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`,
    `<script>${REPORT_SCRIPT}</script>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fleet report</title>
<style>${CSS}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

function capacitySection(report: FleetReport): string {
  const out = [
    '<section id="capacity"><h2>Capacity</h2>',
    '<p class="muted">Requests x replicas per team: solid at the autoscalers\' minimum, light up to their maximum; the red tick is the limits at the maximum.</p>',
  ];
  for (const env of report.environments) {
    const rows = (pick: (t: CapacityTotals) => { req: { min: number; max: number }; lim: number }, scale: (n: number) => number): BarRow[] =>
      env.capacity.teams.map(({ team, totals }) => {
        const v = pick(totals);
        return { label: team, min: scale(v.req.min), max: scale(v.req.max), ceiling: scale(v.lim) };
      });
    const t = env.capacity.total;
    out.push(
      `<h3>${h(env.name)}</h3>`,
      `<p>${t.workloads} workloads, ${t.pods.min === t.pods.max ? t.pods.min : `${t.pods.min}..${t.pods.max}`} pods; requests ${vcpu(t.requests.cpu.min)}..${vcpu(t.requests.cpu.max)} vCPU and ${gib(t.requests.memory.min)}..${gib(t.requests.memory.max)} GiB.</p>`,
      '<div class="charts">',
      barChart(
        `CPU requests, ${env.name}`,
        'vCPU',
        rows((x) => ({ req: x.requests.cpu, lim: x.limits.cpu.max }), vcpu),
      ),
      barChart(
        `Memory requests, ${env.name}`,
        'GiB',
        rows((x) => ({ req: x.requests.memory, lim: x.limits.memory.max }), gib),
      ),
      '</div>',
      ...env.capacity.notes.map((n) => `<p class="muted">${h(n)}</p>`),
    );
  }
  out.push('</section>');
  return out.join('\n');
}

function conformanceSection(apps: readonly AppReport[]): string {
  const out = [
    '<section id="conformance"><h2>Golden path</h2>',
    '<table class="conformance"><thead><tr><th>app</th><th>team</th><th>standing</th><th>customized (escape hatches)</th><th>waivers</th><th>SLOs</th><th>open findings</th></tr></thead><tbody>',
  ];
  for (const app of apps) {
    const c = app.conformance;
    const standing = c.onGoldenPath
      ? '<span class="badge ok">on the path</span>'
      : [c.customized.length > 0 && '<span class="badge warn">customized</span>', c.waivers.length > 0 && '<span class="badge warn">waived</span>']
          .filter(Boolean)
          .join(' ');
    const customized = c.customized.map((x) => `${h(x.environment)}: ${count(x.fields, 'field')}, ${count(x.objects, 'object')}`).join('<br>') || '—';
    const waivers =
      c.waivers
        .map((w) => {
          const cls = w.state === 'expired' ? 'bad' : w.state === 'expiring' ? 'warn' : 'ok';
          const when = w.state === 'expired' ? `expired ${h(w.expires)}` : `until ${h(w.expires)} (${w.daysLeft} days)`;
          return `<span class="badge ${cls} waiver-${w.state}">${h(w.rule)}</span> ${when}${w.environment ? ` in ${h(w.environment)}` : ''}`;
        })
        .join('<br>') || '—';
    out.push(
      `<tr data-app="${h(app.id)}"><td>${h(app.id)}</td><td>${h(app.team)}</td><td>${standing}</td><td>${customized}</td><td>${waivers}</td>`,
      `<td>${c.slosDeclared ? '<span class="badge ok">declared</span>' : '<span class="badge warn">none</span>'}</td><td>${c.findings.errors} errors, ${c.findings.warnings} warnings</td></tr>`,
    );
  }
  out.push('</tbody></table></section>');
  return out.join('\n');
}

function policySection(report: FleetReport): string {
  const p = report.policy;
  const s = p.summary;
  const out = [
    '<section id="policy"><h2>Policy report of the last check</h2>',
    `<p>${p.passed ? '<span class="badge ok">passed</span>' : '<span class="badge bad">failed</span>'} ${s.objects} objects from ${s.sources} sources in ${s.environments} environments: ${s.errors} errors, ${s.warnings} warnings, ${s.waived} waived, ${s.expiredWaivers} expired waivers (Kubernetes ${h(p.kubernetesVersion)}, ${p.rules.length} rules).</p>`,
    '<table class="findings"><thead><tr><th>severity</th><th>environment</th><th>app</th><th>object</th><th>rule</th><th>finding</th><th>waived</th></tr></thead><tbody>',
  ];
  for (const f of p.findings) {
    const sev = f.waivedBy ? 'ok' : f.severity === 'error' ? 'bad' : 'warn';
    out.push(
      `<tr><td><span class="badge ${sev}">${h(f.severity)}</span></td><td>${h(f.environment)}</td><td>${h(f.team ? `${f.team}/${f.app}` : f.app)}</td><td>${h(`${f.object.kind} ${f.object.name}`)}</td><td>${h(f.rule)}</td><td>${h(f.message)}</td><td>${f.waivedBy ? 'yes' : ''}</td></tr>`,
    );
  }
  if (p.findings.length === 0) out.push('<tr><td colspan="7">No findings.</td></tr>');
  out.push('</tbody></table>');
  const waivers = report.apps.flatMap((a) => a.conformance.waivers.map((w) => ({ app: a.id, w })));
  out.push(
    '<h3>Waivers</h3>',
    '<table class="waivers"><thead><tr><th>app</th><th>rule</th><th>where</th><th>owner</th><th>expires</th><th>reason</th><th>findings excused</th></tr></thead><tbody>',
  );
  for (const { app, w } of waivers) {
    out.push(
      `<tr class="${w.state}"><td>${h(app)}</td><td>${h(w.rule)}</td><td>${h([w.environment, w.object].filter(Boolean).join(' ') || 'everywhere')}</td><td>${h(w.owner)}</td><td>${h(w.expires)} (${w.state})</td><td>${h(w.reason)}</td><td>${w.findings}</td></tr>`,
    );
  }
  if (waivers.length === 0) out.push('<tr><td colspan="7">No waivers.</td></tr>');
  out.push('</tbody></table></section>');
  return out.join('\n');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
