import type { Journey } from '$lib/graphql/types.js';
import type { StageEmotion } from './emotion.js';
import { lanesOf } from './lanes.js';

// A self-contained SVG of the journey map for export (PNG is rasterised from it in the browser).
const COL = 200;
const LANE_LABEL = 120;
const CARD_H = 34;
const HEAD = 56;
const CURVE_H = 120;
const PAD = 16;

function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function clip(text: string, max = 26): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function journeyMapSvg(journey: Journey, emotion: StageEmotion[], painTouchpoints: ReadonlySet<string>): string {
  const lanes = lanesOf(journey);
  const width = PAD * 2 + LANE_LABEL + COL * journey.stages.length;
  const laneHeights = lanes.map((lane) => Math.max(1, ...lane.cells.map((c) => c.length)) * (CARD_H + 6) + 12);
  const lanesTop = PAD + 28 + HEAD;
  const lanesHeight = laneHeights.reduce((a, b) => a + b, 0);
  const curveTop = lanesTop + lanesHeight + 16;
  const height = curveTop + CURVE_H + PAD;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Liberation Sans, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${PAD}" y="${PAD + 16}" font-size="18" font-weight="700" fill="#16181d">${esc(journey.name)}</text>`,
  ];
  journey.stages.forEach((stage, s) => {
    const x = PAD + LANE_LABEL + s * COL;
    const pain = emotion[s]?.pain === true;
    parts.push(`<rect x="${x + 4}" y="${PAD + 28}" width="${COL - 8}" height="${HEAD - 10}" rx="8" fill="${pain ? '#fdecea' : '#eef0ff'}"/>`);
    parts.push(`<text x="${x + 14}" y="${PAD + 56}" font-size="14" font-weight="600" fill="${pain ? '#c0362c' : '#4f46e5'}">${esc(clip(stage.name, 20))}${pain ? ' ⚠' : ''}</text>`);
  });
  let y = lanesTop;
  lanes.forEach((lane, l) => {
    const h = laneHeights[l] ?? CARD_H;
    parts.push(`<rect x="${PAD}" y="${y}" width="${width - PAD * 2}" height="${h}" fill="${l % 2 ? '#ffffff' : '#f6f7f9'}"/>`);
    parts.push(`<text x="${PAD + 8}" y="${y + 22}" font-size="12" fill="#5f6672">${esc(lane.channel.replaceAll('_', ' '))}</text>`);
    lane.cells.forEach((cell, s) => {
      cell.forEach((tp, i) => {
        const cx = PAD + LANE_LABEL + s * COL + 6;
        const cy = y + 6 + i * (CARD_H + 6);
        const pain = painTouchpoints.has(tp.id);
        parts.push(`<rect x="${cx}" y="${cy}" width="${COL - 12}" height="${CARD_H}" rx="6" fill="#ffffff" stroke="${pain ? '#c0362c' : '#d0d4db'}"/>`);
        parts.push(`<text x="${cx + 10}" y="${cy + 21}" font-size="12" fill="#16181d">${esc(clip(tp.name))}</text>`);
      });
    });
    y += h;
  });
  parts.push(curve(emotion, curveTop));
  parts.push('</svg>');
  return parts.join('\n');
}

// Emotion curve: average sentiment (−1..1) per stage, a dot at each stage centre.
function curve(emotion: StageEmotion[], top: number): string {
  const mid = top + CURVE_H / 2;
  const points = emotion
    .map((e, s) => (e.sentiment === null ? null : { x: PAD + LANE_LABEL + s * COL + COL / 2, y: mid - e.sentiment * (CURVE_H / 2 - 10), pain: e.pain }))
    .filter((p): p is { x: number; y: number; pain: boolean } => p !== null);
  const parts = [
    `<text x="${PAD + 8}" y="${mid + 4}" font-size="12" fill="#5f6672">Emotion</text>`,
    `<line x1="${PAD + LANE_LABEL}" y1="${mid}" x2="${PAD + LANE_LABEL + COL * emotion.length}" y2="${mid}" stroke="#e3e6eb" stroke-dasharray="4 4"/>`,
  ];
  if (points.length > 1) parts.push(`<polyline fill="none" stroke="#4f46e5" stroke-width="2.5" points="${points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}"/>`);
  for (const p of points) parts.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="5" fill="${p.pain ? '#c0362c' : '#4f46e5'}"/>`);
  return parts.join('\n');
}

export function svgToPng(svg: string, scale = 2): Promise<string> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = image.width * scale;
      canvas.height = image.height * scale;
      const context = canvas.getContext('2d');
      if (!context) return reject(new Error('This browser cannot draw to a canvas.'));
      context.scale(scale, scale);
      context.drawImage(image, 0, 0);
      resolve(canvas.toDataURL('image/png'));
    };
    image.onerror = () => reject(new Error('The journey map could not be rendered as an image.'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}
