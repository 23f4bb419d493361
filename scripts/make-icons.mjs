// Draws the Teams app icons into appPackage/. Run by hand (`node scripts/make-icons.mjs`) after changing the
// design; the PNGs it writes are committed.
//
// The symbol is two overlapping rings, staff and patients, with the space they share filled in.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';

const { PNG } = pngjs;
const appPackage = join(dirname(fileURLToPath(import.meta.url)), '..', 'appPackage');

const NHS_BLUE = [0x00, 0x5e, 0xb8];
const WHITE = [0xff, 0xff, 0xff];
const SUBSAMPLES = 4;

// In a unit square: ring centres at 0.5 ± OFFSET, so the outer edges touch 0 and 1.
const RADIUS = 0.28;
const STROKE = 0.08;
const OFFSET = 0.5 - RADIUS - STROKE / 2;

function insideSymbol(u, v) {
  const a = Math.hypot(u - (0.5 - OFFSET), v - 0.5);
  const b = Math.hypot(u - (0.5 + OFFSET), v - 0.5);
  const onRing = (d) => Math.abs(d - RADIUS) <= STROKE / 2;
  return onRing(a) || onRing(b) || (a <= RADIUS && b <= RADIUS);
}

// Fraction of the pixel covered by the symbol, sampled on a grid so edges are smooth rather than jagged.
function coverage(x, y, box) {
  let hits = 0;
  for (let i = 0; i < SUBSAMPLES; i++) {
    for (let j = 0; j < SUBSAMPLES; j++) {
      const u = (x + (i + 0.5) / SUBSAMPLES - box.left) / box.size;
      const v = (y + (j + 0.5) / SUBSAMPLES - box.top) / box.size;
      if (insideSymbol(u, v)) hits++;
    }
  }
  return hits / SUBSAMPLES ** 2;
}

function draw(size, box, pixel) {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      png.data.set(pixel(coverage(x, y, box)), (y * size + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

const mix = (from, to, amount) => from.map((channel, i) => Math.round(channel + (to[i] - channel) * amount));

// Teams wants the colour icon's symbol inside the central 96×96 of 192×192, on a solid background.
const color = draw(192, { left: 48, top: 48, size: 96 }, (c) => [...mix(NHS_BLUE, WHITE, c), 255]);
// The outline icon is white on transparent and uses the whole 32×32 with no padding.
const outline = draw(32, { left: 0, top: 0, size: 32 }, (c) => [...WHITE, Math.round(255 * c)]);

writeFileSync(join(appPackage, 'color.png'), color);
writeFileSync(join(appPackage, 'outline.png'), outline);
console.log('Wrote appPackage/color.png and appPackage/outline.png');
