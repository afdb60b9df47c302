import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parseState } from '../state/url';
import { iframeSnippet } from './embed';

describe('iframeSnippet', () => {
  const href =
    'https://observatoire.example/?indicateur=reclamations&niveau=region&critere=origine&carte=2.5,46.5,5';

  it('frames the same view with integration=1, sized and titled', () => {
    const text = iframeSnippet(href, { title: 'Réclamations « origine » & co', height: 680 });
    const frame = new JSDOM(text).window.document.querySelector('iframe');
    expect(frame).not.toBeNull();
    const src = new URL(frame?.getAttribute('src') ?? '');
    const { state, notices } = parseState(src.search);
    expect(notices).toEqual([]);
    expect(state).toMatchObject({
      integration: true,
      indicator: 'reclamations',
      level: 'region',
      criterion: 'origine',
      map: { lon: 2.5, lat: 46.5, zoom: 5 },
    });
    expect(frame?.getAttribute('title')).toBe('Observatoire — Réclamations « origine » & co');
    expect(frame?.getAttribute('width')).toBe('100%');
    expect(frame?.getAttribute('height')).toBe('680');
    expect(text).toContain('&amp;niveau=region');
  });
});
