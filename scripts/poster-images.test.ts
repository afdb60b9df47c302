/**
 * The poster's DSFR pictures as PNG (scripts/lib/poster-images.ts, scripts/lib/poster-raster.ts):
 * which rules of the bundle's CSS the poster's shadow root overrides, with which declarations,
 * and the SVG `data:` URLs rasterized.
 */
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, test } from 'vitest';
import { classesOf, mayMatch, pictureProperty, posterImageOverrides } from './lib/poster-images';
import { rasterizeSvgDataUrl, svgOfDataUrl } from './lib/poster-raster';

const SQUARE = `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><path fill='#000091' d='M2 2h20v20H2z'/></svg>`;
const ENCODED = `data:image/svg+xml;charset=utf8,${encodeURIComponent(SQUARE)}`;
const RAW = `data:image/svg+xml;charset=utf-8,${SQUARE}`;
const BASE64 = `data:image/svg+xml;base64,${Buffer.from(SQUARE).toString('base64')}`;

describe('which rules the poster overrides', () => {
  test('classes of the poster, and selectors that may match them', () => {
    const classes = classesOf('<p class="fr-logo"></p><button class="fr-btn  fr-icon-x"></button>');
    expect([...classes].sort()).toEqual(['fr-btn', 'fr-icon-x', 'fr-logo']);
    expect(mayMatch('.fr-logo:before', classes)).toBe(true);
    expect(mayMatch('.fr-header__logo .fr-logo:before', classes)).toBe(false);
    // Classes under :not() are not required.
    expect(mayMatch('.fr-btn:not(.fr-btn--sm):not([href])', classes)).toBe(true);
    expect(mayMatch('[target=_blank]:after', classes)).toBe(true);
    // The poster shows the light theme only.
    expect(mayMatch(':root[data-fr-theme=dark] .fr-logo:before', classes)).toBe(false);
  });

  test('only the SVG declarations of matching rules, their pictures once each, on the host', () => {
    const css = [
      `.fr-logo:before{content:"";background-image:url("${ENCODED}"),linear-gradient(90deg,#000091 0 50%,#e1000f 50%);width:2rem}`,
      `.fr-other:before{mask-image:url("${ENCODED}")}`,
      `.fr-btn:before,.fr-absent:before{-webkit-mask-image:url("${RAW}");mask-image:url('${BASE64}');color:red}`,
      `:root[data-fr-theme=dark] .fr-logo:before{background-image:url("${RAW}")}`,
      `@media (min-width:48em){.fr-logo:after{background-image:url(${BASE64})}}`,
      `@media print{.fr-logo:after{background-image:url("${RAW}")}}`,
      `@media (-ms-high-contrast:none){.fr-btn:before{background-image:url("${RAW}")}}`,
      `@keyframes spin{from{transform:rotate(0)}}`,
      `.fr-logo{background-image:url(/assets/photo.png)}`,
    ].join('');
    const seen: string[] = [];
    const out = posterImageOverrides(
      css,
      classesOf('<p class="fr-logo"></p><a class="fr-btn"></a>'),
      (url) => {
        seen.push(url);
        return `data:image/png;base64,PNG${seen.length}`;
      },
    );
    // Three distinct SVG URLs (double-quoted, raw, single-quoted, bare) rasterized once each.
    expect(seen).toEqual([ENCODED, RAW, BASE64]);
    const [p0, p1, p2] = [0, 1, 2].map(pictureProperty);
    expect(out).toBe(
      `:host{${p0}:url("data:image/png;base64,PNG1");${p1}:url("data:image/png;base64,PNG2");${p2}:url("data:image/png;base64,PNG3")}` +
        `.fr-logo:before{background-image:var(${p0}),linear-gradient(90deg,#000091 0 50%,#e1000f 50%)}` +
        `.fr-btn:before{-webkit-mask-image:var(${p1});mask-image:var(${p2})}` +
        `@media (min-width:48em){.fr-logo:after{background-image:var(${p2})}}`,
    );
  });

  test('nothing when no rule sets an SVG picture', () => {
    expect(posterImageOverrides('.a{color:red}', new Set(['a']), () => 'x')).toBe('');
  });
});

describe('DSFR pictures rasterized', () => {
  test('the three spellings of an SVG data: URL give the same document', () => {
    expect(svgOfDataUrl(ENCODED)).toBe(SQUARE);
    expect(svgOfDataUrl(RAW)).toBe(SQUARE);
    expect(svgOfDataUrl(BASE64)).toBe(SQUARE);
    expect(() => svgOfDataUrl('data:image/png;base64,AAAA')).toThrow(/pas une image SVG/);
  });

  test('a PNG three times as wide as the SVG, at least 72 px, at most 256 px, same pixels', () => {
    const pngOf = (url: string): string => {
      const m = /^data:image\/png;base64,(.+)$/.exec(rasterizeSvgDataUrl(url));
      if (!m?.[1]) throw new Error('pas un PNG');
      return m[1];
    };
    const sizeOf = (b64: string): [number, number] => {
      const b = Buffer.from(b64, 'base64');
      return [b.readUInt32BE(16), b.readUInt32BE(20)];
    };
    const square = pngOf(ENCODED);
    expect(sizeOf(square)).toEqual([72, 72]);
    const wide = `data:image/svg+xml,${encodeURIComponent(SQUARE.replace('0 0 24 24', '0 0 200 24'))}`;
    expect(sizeOf(pngOf(wide))).toEqual([256, 31]);
    // The PNG read back by resvg: the square in its colour, the margin transparent.
    const px = new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="72" height="72"><image width="72" height="72" href="data:image/png;base64,${square}"/></svg>`,
    ).render().pixels;
    const at = (x: number, y: number): number[] => [
      ...px.subarray((y * 72 + x) * 4, (y * 72 + x) * 4 + 4),
    ];
    expect(at(36, 36)).toEqual([0, 0, 0x91, 255]);
    expect(at(2, 2)[3]).toBe(0);
  });
});
