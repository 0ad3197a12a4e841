// The eventwire dashboard: a map and a timeline of events, filters kept in the URL, and the
// article text with the evidence, actor, target, place and quote highlighted. All text goes in
// through textContent, never as HTML.
import L from "leaflet";
import { feature } from "topojson-client";
import countries from "world-atlas/countries-110m.json";

const TYPES = [
  "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
  "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
];
const COLOURS = {
  ASSAULT: "#c0392b", COERCE: "#e67e22", THREATEN: "#d35400", PROTEST: "#8e44ad",
  MOBILIZE: "#7f3c8d", SANCTION: "#a93226", REJECT: "#b7950b", ACCUSE: "#9a7d0a",
  REQUEST: "#1f618d", CONSULT: "#2874a6", AGREE: "#1e8449", COOPERATE: "#239b56",
  AID: "#117a65", SUPPORT: "#148f77", CONCEDE: "#5d6d7e", RETREAT: "#839192",
};
const FILTERS = ["actor", "type", "place", "since", "until", "source", "hedged"];
const SVG_LIMIT = 3000; // above this many markers the map draws on a canvas

const $ = (selector) => document.querySelector(selector);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
};

async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value != null) query.append(key, value);
  }
  const response = await fetch(`${path}${query.size ? "?" + query : ""}`);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

// --- state in the URL ----------------------------------------------------------------------
function readState() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const key of [...FILTERS, "event", "incident", "tab"]) state[key] = params.get(key) || "";
  return state;
}

function writeState(state) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) if (value) params.set(key, value);
  history.replaceState(null, "", `${location.pathname}${params.size ? "?" + params : ""}`);
}

let state = readState();
const filterValues = () => Object.fromEntries(FILTERS.map((k) => [k, state[k]]));

// --- map --------------------------------------------------------------------------------------
const map = L.map("map", { worldCopyJump: true, attributionControl: true }).setView([25, 20], 2);
map.attributionControl.setPrefix(false);
map.attributionControl.addAttribution("Country outlines: Natural Earth via world-atlas");
L.geoJSON(feature(countries, countries.objects.countries), {
  style: { color: "#8a97a5", weight: 0.6, fillColor: "#f5f3ee", fillOpacity: 1 },
  interactive: false,
}).addTo(map);
let markers = L.layerGroup().addTo(map);
let features = [];

function markerStyle(props) {
  const colour = COLOURS[props.plover_type] || "#555";
  return {
    radius: 4 + 2.5 * Math.min(6, props.independent_sources || 1),
    color: colour,
    fillColor: colour,
    weight: props.hedged ? 2 : 1,
    dashArray: props.hedged ? "3 3" : null,
    fillOpacity: props.hedged ? 0.12 : 0.65,
  };
}

function drawMarkers() {
  markers.remove();
  const renderer = features.length > SVG_LIMIT ? L.canvas() : L.svg();
  markers = L.layerGroup().addTo(map);
  features.forEach((f, index) => {
    const [lon, lat] = f.geometry.coordinates;
    const props = f.properties;
    const marker = L.circleMarker([lat, lon], {
      ...markerStyle(props),
      renderer,
      className: `ew-marker ew-${props.plover_type}${props.hedged ? " ew-hedged" : ""}`,
    });
    marker.bindTooltip(() =>
      el("span", { text: `${props.plover_type} · ${props.location || ""} · ${props.event_date || ""}` }),
    );
    marker.on("click", () => selectEvent(props.article_id, props.event_id));
    marker.featureIndex = index;
    markers.addLayer(marker);
  });
  const placed = features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
  if (placed.length) map.fitBounds(L.latLngBounds(placed).pad(0.3), { maxZoom: 7 });
  $("#map").dataset.markers = String(features.length);
}

function drawLegend() {
  const seen = [...new Set(features.map((f) => f.properties.plover_type))].sort();
  $("#legend").replaceChildren(
    ...seen.map((t) => el("span", {}, el("i", { style: `background:${COLOURS[t] || "#555"}` }), t)),
    el("span", { text: "dashed: attributed or hedged · size: independent sources" }),
  );
}

// --- timeline ---------------------------------------------------------------------------------
function drawTimeline() {
  const svg = $("#timeline");
  const width = svg.clientWidth || 600;
  const height = svg.clientHeight || 90;
  const counts = new Map();
  for (const f of features) {
    const day = f.properties.event_date;
    if (day) counts.set(day, (counts.get(day) || 0) + 1);
  }
  svg.replaceChildren();
  if (!counts.size) return;
  const days = [...counts.keys()].sort();
  const first = Date.parse(days[0]);
  const span = (Date.parse(days[days.length - 1]) - first) / 86400000 + 1;
  const top = Math.max(...counts.values());
  const bar = width / span;
  const ns = "http://www.w3.org/2000/svg";
  for (const day of days) {
    const x = ((Date.parse(day) - first) / 86400000) * bar;
    const h = ((height - 22) * counts.get(day)) / top;
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("x", x.toFixed(1));
    rect.setAttribute("y", (height - 16 - h).toFixed(1));
    rect.setAttribute("width", Math.max(bar - 1, 2).toFixed(1));
    rect.setAttribute("height", h.toFixed(1));
    rect.dataset.day = day;
    const title = document.createElementNS(ns, "title");
    title.textContent = `${day}: ${counts.get(day)} event(s) — click to show this day`;
    rect.append(title);
    rect.addEventListener("click", () => {
      state.since = day;
      state.until = day;
      fillForm();
      load();
    });
    svg.append(rect);
  }
  for (const [x, anchor, day] of [[2, "start", days[0]], [width - 2, "end", days[days.length - 1]]]) {
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", x);
    label.setAttribute("y", height - 3);
    label.setAttribute("text-anchor", anchor);
    label.setAttribute("font-size", "11");
    label.textContent = day;
    svg.append(label);
  }
}

// --- panels -----------------------------------------------------------------------------------
function showTab(name) {
  state.tab = name;
  writeState(state);
  for (const button of document.querySelectorAll("#tabs button")) {
    button.classList.toggle("active", button.dataset.tab === name);
  }
  for (const panel of document.querySelectorAll(".panel")) {
    panel.classList.toggle("active", panel.id === `panel-${name}`);
  }
}

function drawEventList(listing) {
  const rows = listing.items.map((e) =>
    el(
      "div",
      {
        class: `event-row${e.hedged ? " hedged" : ""}`,
        "data-event": `${e.article_id}:${e.id}`,
        onclick: () => selectEvent(e.article_id, e.id),
      },
      el("b", { text: `${e.type}${e.mode ? "/" + e.mode : ""}` }),
      ` ${e.actor || "?"} → ${e.target || "?"} · ${e.place || "no place"} · ${e.date || "undated"}`,
      e.hedged ? ` · claimed by ${e.source || "a source"}` : "",
      el("div", { text: `“${e.evidence}”` }),
    ),
  );
  const more = listing.total > listing.items.length
    ? [el("p", { text: `${listing.items.length} of ${listing.total} shown; narrow the filters.` })]
    : [];
  $("#panel-events").replaceChildren(...rows, ...more);
}

function highlighted(text, spans) {
  // Split the text at every span boundary; each piece carries the classes covering it.
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const box = el("div", { class: "article-text" });
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const classes = spans.filter((s) => s.start <= from && s.end >= to).map((s) => s.cls);
    const piece = text.slice(from, to);
    box.append(classes.length ? el("span", { class: classes.join(" "), text: piece }) : piece);
  }
  return box;
}

async function selectEvent(articleId, eventId) {
  state.event = `${articleId}:${eventId}`;
  writeState(state);
  showTab("evidence");
  const panel = $("#panel-evidence");
  panel.replaceChildren(el("p", { text: "Loading…" }));
  try {
    const doc = await api(`/api/articles/${encodeURIComponent(articleId)}`);
    const event = doc.events.find((e) => e.id === eventId);
    if (!event) throw new Error(`no event ${eventId} in article ${articleId}`);
    const entity = (id) => doc.entities.find((e) => e.id === id);
    const place = (id) => doc.places.find((p) => p.id === id);
    const spans = [{ ...event.evidence, cls: "hl-evidence" }];
    const add = (owner, cls) => owner && owner.mentions.forEach((m) => spans.push({ ...m, cls }));
    add(entity(event.actor), "hl-actor");
    add(entity(event.target) || place(event.target), "hl-target");
    add(place(event.place), "hl-place");
    const quote = doc.quotes.find((q) => q.id === event.attribution.quote);
    if (quote) spans.push({ start: quote.start, end: quote.end, cls: "hl-quote" });
    const claimant = entity(event.attribution.source);
    const facts = [
      ["Type", `${event.type}${event.mode ? " / " + event.mode : ""}`],
      ["ACLED", event.acled ? `${event.acled.event_type} — ${event.acled.sub_event_type}` : "—"],
      ["Actor", entity(event.actor)?.name || "—"],
      ["Target", (entity(event.target) || place(event.target))?.name || "—"],
      ["Place", place(event.place)?.name || "—"],
      ["Date", `${event.date || "undated"}${event.date_precision ? " (" + event.date_precision + ")" : ""}`],
      ["Modality", `${event.modality}${event.negated ? ", denied" : ""}`],
      ["Who says so", claimant ? `${claimant.name}${event.attribution.hedged ? " (hedged)" : ""}` : "the reporter"],
      ["Article", `${doc.article.title || doc.id} — ${doc.article.source || "unknown outlet"}, ${doc.article.published || "undated"}`],
    ];
    const list = el("dl", { class: "facts" });
    for (const [k, v] of facts) list.append(el("dt", { text: k }), el("dd", { text: v }));
    const incidentId = doc.incident_of?.[eventId];
    const incidentLink = incidentId
      ? el("a", { class: "open", text: "Show its incident (all reports and sources)" })
      : el("span", { text: "" });
    if (incidentId) {
      incidentLink.addEventListener("click", async () =>
        showIncident(await api(`/api/incidents/${encodeURIComponent(incidentId)}`)),
      );
    }
    const text = highlighted(doc.article.text, spans);
    panel.replaceChildren(list, incidentLink, text);
    text.querySelector(".hl-evidence")?.scrollIntoView({ block: "center" });
  } catch (error) {
    panel.replaceChildren(el("p", { text: `Could not load the evidence: ${error.message}` }));
  }
}

function showIncident(incident) {
  state.incident = incident.id;
  writeState(state);
  const rows = incident.report_rows.map((r) =>
    el(
      "div",
      { class: `event-row${r.hedged ? " hedged" : ""}`, onclick: () => selectEvent(r.article_id, r.event_id) },
      el("b", { text: `${r.source || "unknown outlet"}` }),
      ` ${r.published || "undated"}${r.claimed_by ? " · claimed by " + r.claimed_by : ""}${r.negated ? " · denied" : ""}`,
      el("div", { text: `“${r.evidence}”` }),
    ),
  );
  const reasons = incident.links.map((l) => el("li", { text: l.reasons.join("; ") }));
  $("#panel-incident").replaceChildren(
    el("h3", { text: `${incident.type} · ${incident.place || "no place"} · ${incident.date || "undated"}` }),
    el("p", { text: `${incident.reports} report(s) from ${incident.independent_sources} independent source(s)` }),
    ...rows,
    el("h4", { text: reasons.length ? "Merged because" : "A single report" }),
    el("ul", {}, ...reasons),
  );
  showTab("incident");
}

async function drawContradictions() {
  const ledger = await api("/api/contradictions", { limit: 200, ...filterValues() });
  const items = ledger.items.map((c) => {
    const side = (name) =>
      c.sides.filter((s) => s.side === name).map((s) =>
        el(
          "div",
          { class: `side ${name}` },
          el("a", { class: "open", text: `${s.claimed_by || "the reporter"} (${s.outlet}, ${s.published || "undated"})`, onclick: () => selectEvent(s.article_id, s.event_id) }),
          el("div", { text: `“${s.evidence.text}”` }),
        ),
      );
    return el("div", { class: "contradiction" }, el("b", { text: c.kind }), el("p", { text: c.summary }), ...side("a"), el("em", { text: "versus" }), ...side("b"));
  });
  $("#panel-contradictions").replaceChildren(
    ...(items.length ? items : [el("p", { text: "No contradictions for these filters." })]),
  );
}

// --- loading ----------------------------------------------------------------------------------
async function load() {
  writeState(state);
  $("#status").textContent = "Loading…";
  try {
    const [layer, listing] = await Promise.all([
      api("/api/events.geojson", filterValues()),
      api("/api/events", { limit: 200, ...filterValues() }),
    ]);
    features = layer.features;
    drawMarkers();
    drawLegend();
    drawTimeline();
    drawEventList(listing);
    drawContradictions();
    $("#status").textContent = `${listing.total} event(s), ${features.length} on the map`;
    document.body.dataset.ready = "true";
  } catch (error) {
    $("#status").textContent = `Error: ${error.message}`;
  }
}

function fillForm() {
  const form = $("#filters");
  for (const key of FILTERS) form.elements[key].value = state[key];
}

const typeSelect = $("#filters").elements.type;
for (const t of TYPES) typeSelect.append(el("option", { value: t, text: t }));
fillForm();
$("#filters").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  for (const key of FILTERS) state[key] = String(form.get(key) || "");
  state.event = "";
  load();
});
$("#clear").addEventListener("click", () => {
  for (const key of FILTERS) state[key] = "";
  setTimeout(() => { fillForm(); load(); });
});
for (const button of document.querySelectorAll("#tabs button")) {
  button.addEventListener("click", () => showTab(button.dataset.tab));
}
window.eventwire = { map, selectEvent, load };

(async () => {
  await load();
  if (state.event) {
    const cut = state.event.lastIndexOf(":");
    selectEvent(state.event.slice(0, cut), state.event.slice(cut + 1));
  } else if (state.tab) {
    showTab(state.tab);
  }
})();
