// Bundles the dashboard into src/eventwire/web/static/ (run by `make`): nothing is fetched from
// a CDN at run time; the base map is world-atlas's Natural Earth country outlines.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { feature } from "topojson-client";

const out = "../src/eventwire/web/static";
mkdirSync(out, { recursive: true });

await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  outfile: `${out}/app.js`,
  loader: { ".json": "json" },
  legalComments: "linked",
});
await build({
  entryPoints: ["src/style.css"],
  bundle: true,
  minify: true,
  outfile: `${out}/app.css`,
  loader: { ".png": "dataurl", ".svg": "dataurl" },
});
copyFileSync("src/index.html", `${out}/index.html`);

// Country outlines as GeoJSON, for the situation report's static map.
const topology = JSON.parse(readFileSync("node_modules/world-atlas/countries-110m.json", "utf8"));
writeFileSync(`${out}/countries.geojson`, JSON.stringify(feature(topology, topology.objects.countries)));
console.log(`dashboard built into ${out}`);
