import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-countries';

/**
 * The world map of Member States, drawn on the server as SVG (ADR 0025): Natural Earth's 1:110m country
 * shapes from `world-atlas`, projected once with d3-geo's Equal Earth projection and kept as path data.
 * States too small for that scale (28 island and micro States) are drawn as dots at their centre, so all
 * 193 can be shaded. No script: the page shades the shapes with `fill` and adds a table with the figures.
 */
export const mapWidth = 960;
export const mapHeight = 470;

export interface MapShape {
  /** ISO 3166 alpha-3 when the shape is a Member State. */
  iso3: string | null;
  path: string | null;
  point: [number, number] | null;
}

let shapes: MapShape[] | null = null;

export function mapShapes(): MapShape[] {
  if (shapes) return shapes;
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(
    readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'),
  ) as Topology<{ countries: GeometryCollection }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry>;
  // Antarctica is no State and takes a fifth of the height.
  const land = collection.features.filter((shape: Feature) => shape.id !== '010');
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [mapWidth - 4, mapHeight - 4],
    ],
    { type: 'FeatureCollection', features: land },
  );
  const path = geoPath(projection).digits(0);
  const members = countries.filter((country) => country.unMember && country.unRegionalGroup !== '');
  const iso3ByNumeric = new Map(members.map((country) => [country.ccn3, country.cca3]));
  const drawn = new Set<string>();
  shapes = land.flatMap((shape) => {
    const absolute = path(shape);
    if (!absolute) return [];
    const d = relativePath(absolute);
    const iso3 = iso3ByNumeric.get(String(shape.id)) ?? null;
    if (iso3) drawn.add(iso3);
    return [{ iso3, path: d, point: null }];
  });
  for (const country of members) {
    if (drawn.has(country.cca3)) continue;
    const [lat, lng] = country.latlng;
    const point = projection([lng, lat]);
    if (point) {
      shapes.push({ iso3: country.cca3, path: null, point: [Math.round(point[0]), Math.round(point[1])] });
    }
  }
  return shapes;
}

/**
 * Rewrites d3's absolute path ("M480,120L482,121Z") with relative moves ("M480 120l2 1z"), dropping moves
 * that round to nothing: the same shapes in about half the bytes.
 */
export function relativePath(absolute: string): string {
  const out: string[] = [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let previous = '';
  for (const [, command, xs, ys] of absolute.matchAll(/([MLZ])(?:(-?\d+),(-?\d+))?/g)) {
    if (command === 'Z') {
      out.push('z');
      x = startX;
      y = startY;
      previous = 'z';
      continue;
    }
    const nx = Number(xs);
    const ny = Number(ys);
    if (command === 'M') {
      out.push(`M${nx} ${ny}`);
      startX = nx;
      startY = ny;
      previous = 'M';
    } else {
      const dx = nx - x;
      const dy = ny - y;
      if (dx === 0 && dy === 0) continue;
      const pair = `${dx}${dy < 0 ? '' : ' '}${dy}`;
      out.push(previous === 'l' ? `${dx < 0 ? '' : ' '}${pair}` : `l${pair}`);
      previous = 'l';
    }
    x = nx;
    y = ny;
  }
  return out.join('');
}

/** The colour of each bucket of a measure, light to dark (ColorBrewer "Blues"), and of non-members. */
export const shades = ['#eef3f9', '#c6dbef', '#6baed6', '#2171b5', '#08306b'] as const;
export const notAMemberState = '#d9d9d9';

export function WorldMap(props: {
  title: string;
  description: string;
  /** The fill and the tooltip of each Member State, by ISO alpha-3. */
  fills: ReadonlyMap<string, { fill: string; label: string }>;
}) {
  return (
    <svg
      class="world-map"
      viewBox={`0 0 ${mapWidth} ${mapHeight}`}
      role="img"
      aria-labelledby="map-title map-desc"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="map-title">{props.title}</title>
      <desc id="map-desc">{props.description}</desc>
      <g stroke="#ffffff" stroke-width="0.5">
        {mapShapes().map((shape) => {
          const shade = shape.iso3 ? props.fills.get(shape.iso3) : undefined;
          const fill = shade?.fill ?? notAMemberState;
          if (shape.point) {
            return (
              <circle cx={shape.point[0]} cy={shape.point[1]} r="3" fill={fill} stroke="#555555">
                {shade ? <title>{shade.label}</title> : null}
              </circle>
            );
          }
          return (
            <path d={shape.path ?? ''} fill={fill}>
              {shade ? <title>{shade.label}</title> : null}
            </path>
          );
        })}
      </g>
    </svg>
  );
}

/** A legend entry's colour swatch. */
export function Swatch(props: { fill: string }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" class="swatch">
      <rect width="14" height="14" fill={props.fill} stroke="#555555" />
    </svg>
  );
}
