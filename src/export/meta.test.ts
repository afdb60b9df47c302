import { describe, expect, it } from 'vitest';
import { SYNTHETIC_NOTE } from '../catalogue';
import {
  citation,
  metadataSheet,
  provenanceMeta,
  sourceLine,
  sqlWithHeader,
  type ExportMeta,
} from './meta';

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
    const text = citation({
      ...meta,
      synthetic: false,
      dataset: false,
      ownFiles: ['mes-donnees.csv'],
    });
    expect(text).toContain('données du fichier « mes-donnees.csv »');
    expect(text).not.toContain('démonstration');
  });
  it('a mixed figure names both sources and keeps the demo note', () => {
    const mixed = { ...meta, ownFiles: ['lieux.csv'] };
    expect(citation(mixed)).toContain('données du fichier « lieux.csv », données de démonstration');
    expect(sourceLine(mixed)).toBe(
      'Source : Défenseur des droits (2015–2024) ; fichier local : lieux.csv',
    );
    expect(sqlWithHeader('SELECT 1', mixed)).toContain(`-- ${SYNTHETIC_NOTE}`);
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

describe('provenanceMeta', () => {
  it('takes the synthetic mark and the own files from the tables read', () => {
    const demoCases = {
      tables: ['cases', 'territories'] as const,
      dataset: true,
      ownFiles: [],
      synthetic: true,
    };
    expect(provenanceMeta(demoCases, false)).toEqual({
      synthetic: true,
      dataset: true,
      ownFiles: [],
    });
    const own = {
      tables: ['services'] as const,
      dataset: false,
      ownFiles: ['lieux.csv'],
      synthetic: false,
    };
    expect(provenanceMeta(own, true)).toEqual({
      synthetic: false,
      dataset: false,
      ownFiles: ['lieux.csv'],
    });
    expect(sourceLine({ ...meta, ...provenanceMeta(own, true) })).toBe(
      'Source : fichier local : lieux.csv',
    );
  });
  it('falls back on the dataset when the tables read are unknown', () => {
    expect(provenanceMeta(null, true)).toEqual({ synthetic: true, dataset: true, ownFiles: [] });
  });
});
