/** HTML pages of /ogc for people in a browser: links, a small table and a Leaflet map. */
const esc = (v: unknown) =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

function page(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)} — 吴忠网格 OGC API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:14px/1.5 system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;font-size:13px}
td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}th{background:#f3f3f3}#map{height:420px;margin:1em 0;border:1px solid #ccc}
nav a{margin-right:1em}</style>${head}</head><body>
<nav><a href="/ogc?f=html">吴忠网格 OGC API</a><a href="/ogc/collections?f=html">集合 Collections</a><a href="/ogc/conformance?f=html">一致性 Conformance</a><a href="/ogc/api">OpenAPI</a></nav>
<h1>${esc(title)}</h1>${body}</body></html>`;
}

const linkList = (links: Link[]) =>
  `<ul>${links.map((l) => `<li><a href="${esc(l.href)}">${esc(l.title ?? l.rel)}</a> <small>(${esc(l.rel)}${l.type ? `, ${esc(l.type)}` : ''})</small></li>`).join('')}</ul>`;

export const ogcHtml = {
  landing: (doc: { title: string; description: string; links: Link[] }) =>
    page(doc.title, `<p>${esc(doc.description)}</p>${linkList(doc.links)}`),

  conformance: (classes: readonly string[]) =>
    page('Conformance', `<ul>${classes.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`),

  collections: (cols: { id: string; title: string; description: string }[]) =>
    page(
      'Collections 集合',
      `<table><tr><th>id</th><th>title</th><th>description</th></tr>${cols
        .map(
          (c) =>
            `<tr><td><a href="/ogc/collections/${esc(c.id)}?f=html">${esc(c.id)}</a></td><td>${esc(c.title)}</td><td>${esc(c.description)}</td></tr>`,
        )
        .join('')}</table>`,
    ),

  collection: (c: { id: string; title: string; description: string; links: Link[]; crs: string[] }) =>
    page(
      c.title,
      `<p>${esc(c.description)}</p><p><a href="/ogc/collections/${esc(c.id)}/items?f=html">Features 要素</a></p>${linkList(c.links)}
      <h2>CRS</h2><ul>${c.crs.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`,
    ),

  /** A page of features: a map of them (when in CRS84) and their properties in a table. */
  items: (
    title: string,
    fc: {
      features: { id: unknown; geometry: unknown; properties: Record<string, unknown> | null }[];
      numberMatched?: number;
      numberReturned: number;
      links: Link[];
    },
    collectionId: string,
    mapped: boolean,
  ) => {
    const cols = [...new Set(fc.features.flatMap((f) => Object.keys(f.properties ?? {})))];
    const nav = fc.links
      .filter((l) => (l.rel === 'next' || l.rel === 'prev') && l.type === 'text/html')
      .map((l) => `<a href="${esc(l.href)}">${l.rel === 'next' ? '下一页 next →' : '← 上一页 prev'}</a>`)
      .join(' ');
    const map = mapped
      ? `<div id="map"></div><script src="/ogc/static/leaflet.js"></script><script>
const fc = ${JSON.stringify({ type: 'FeatureCollection', features: fc.features }).replace(/</g, '\\u003c')};
const map = L.map('map');
const layer = L.geoJSON(fc, { style: { color: '#1565c0', weight: 1, fillOpacity: 0.15 },
  onEachFeature: (f, l) => l.bindTooltip(String((f.properties && (f.properties.name || f.properties.subjectName || f.properties.villageName)) || f.id)) }).addTo(map);
if (layer.getBounds().isValid()) map.fitBounds(layer.getBounds()); else map.setView([37.6, 106.2], 8);
</script>`
      : '<p>(The map shows CRS84 coordinates only.)</p>';
    return page(
      title,
      `<p>${fc.numberReturned} of ${fc.numberMatched ?? '?'} features. ${nav}</p>${map}
      <table><tr><th>id</th>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>${fc.features
        .map(
          (f) =>
            `<tr><td><a href="/ogc/collections/${esc(collectionId)}/items/${encodeURIComponent(String(f.id))}?f=html">${esc(f.id)}</a></td>${cols
              .map((c) => `<td>${esc(f.properties?.[c])}</td>`)
              .join('')}</tr>`,
        )
        .join('')}</table>`,
      mapped ? '<link rel="stylesheet" href="/ogc/static/leaflet.css">' : '',
    );
  },
};
