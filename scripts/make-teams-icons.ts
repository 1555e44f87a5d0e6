/**
 * Draws the Teams app icons (run once; the PNGs are committed): `color.png` 192×192, a white house
 * with a heart on a teal tile (care at home), and `outline.png` 32×32, the same house in white on a
 * transparent background, as Teams requires. Usage: `npx tsx scripts/make-teams-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import { encodePng } from './png.js';

type Paint = (x: number, y: number) => [number, number, number, number] | null;

/** Is (x, y), in a 0..1 square, inside the house (roof and walls)? */
function inHouse(x: number, y: number): boolean {
  const roof = y >= 0.16 && y <= 0.5 && Math.abs(x - 0.5) <= (y - 0.16) * (0.36 / 0.34);
  const walls = x >= 0.25 && x <= 0.75 && y > 0.48 && y <= 0.84;
  return roof || walls;
}

/** Is (x, y) inside the heart on the house's front wall? */
function inHeart(x: number, y: number): boolean {
  const u = (x - 0.5) / 0.13;
  const v = -(y - 0.64) / 0.13;
  return (u * u + v * v - 1) ** 3 - u * u * v ** 3 <= 0;
}

function draw(size: number, paint: Paint): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          r += colour[0] * colour[3];
          g += colour[1] * colour[3];
          b += colour[2] * colour[3];
          a += colour[3];
        }
      }
      const i = (py * size + px) * 4;
      rgba[i] = a ? Math.round(r / a) : 0;
      rgba[i + 1] = a ? Math.round(g / a) : 0;
      rgba[i + 2] = a ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round(a / (samples * samples));
    }
  }
  return encodePng(size, size, rgba);
}

const TEAL: [number, number, number, number] = [14, 124, 134, 255];
const WHITE: [number, number, number, number] = [255, 255, 255, 255];

const color = draw(192, (x, y) => (inHouse(x, y) && !inHeart(x, y) ? WHITE : TEAL));
const outline = draw(32, (x, y) => (inHouse(x, y) && !inHeart(x, y) ? WHITE : null));
const dir = new URL('../manifest/teams/', import.meta.url);
writeFileSync(new URL('color.png', dir), color);
writeFileSync(new URL('outline.png', dir), outline);
console.log('Wrote manifest/teams/color.png (192×192) and manifest/teams/outline.png (32×32).');
