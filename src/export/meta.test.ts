import { describe, expect, it } from 'vitest';
import { SYNTHETIC_NOTE } from '../catalogue';
import { citation, metadataSheet, sqlWithHeader, type ExportMeta } from './meta';

const meta: ExportMeta = {
  title: 'Réclamations pour discrimination',
  subtitle: 'Critère : handicap\nQPV seulement',
  level: 'Départements',
  period: '2024',
  source: 'Défenseur des droits',
  vintage: '2015–2024',
  synthetic: true,
  date: new Date('2026-11-25T12:00:00Z'),
  url: 'https://observatoire.example/?vue=carte&niveau=departement',
};

describe('citation', () => {
  it('follows the observatory’s citation form', () => {
    expect(citation(meta)).toBe(
      'Observatoire ANCT × Défenseur des droits, Réclamations pour discrimination, Départements, 2024, données de démonstration, consulté le 25 novembre 2026, https://observatoire.example/?vue=carte&niveau=departement',
    );
  });
  it('names the user’s own file instead of the demo note', () => {
    const text = citation({ ...meta, ownFile: 'mes-donnees.csv' });
    expect(text).toContain('données du fichier « mes-donnees.csv »');
    expect(text).not.toContain('démonstration');
  });
});

describe('sqlWithHeader', () => {
  it('comments every header line so the text still runs', () => {
    const text = sqlWithHeader('SELECT 1;', meta);
    const lines = text.split('\n');
    const header = lines.slice(0, lines.indexOf(''));
    expect(header.every((l) => l.startsWith('-- '))).toBe(true);
    expect(text).toContain(`-- ${SYNTHETIC_NOTE}`);
    // The newline in the subtitle cannot escape the comment.
    expect(text).toContain('-- Filtres : Critère : handicap QPV seulement');
    expect(text.trimEnd().endsWith('SELECT 1;')).toBe(true);
  });
  it('metadata sheet carries the SQL and the columns', () => {
    const sheet = metadataSheet(meta, 'SELECT 1', ['code', 'value']);
    expect(sheet).toContain('Colonnes : code, value');
    expect(sheet).toContain('SELECT 1');
    expect(sheet).toContain('Citation : Observatoire');
  });
});
