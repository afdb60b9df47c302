// @vitest-environment jsdom
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, SECRET_CELL, type DataTableColumn } from './DataTable';

interface Row {
  readonly name: string;
  readonly value: number | null;
}
const columns: DataTableColumn<Row>[] = [
  { header: 'Territoire', cell: (r) => r.name },
  { header: 'Valeur', numeric: true, cell: (r) => (r.value === null ? SECRET_CELL : r.value) },
];
const rows: Row[] = [
  { name: 'Saint-Denis', value: 12 },
  { name: "L'Haÿ-les-Roses", value: null },
  { name: 'Lens', value: 3 },
];

/** Parses server markup, so the test reads the table as a browser would. */
function table(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('DataTable', () => {
  it('is a chart alternative by default: caption for screen readers only, numbers right', () => {
    const doc = table(
      renderToStaticMarkup(<DataTable caption="Légende" rows={rows} columns={columns} />),
    );
    const box = doc.querySelector('.fr-table');
    expect(box?.classList.contains('fr-table--no-caption')).toBe(true);
    expect(box?.classList.contains('fr-table--sm')).toBe(true);
    expect(doc.querySelector('caption')?.textContent).toBe('Légende');
    expect([...doc.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).toEqual([
      'col',
      'col',
    ]);
    const cells = [...doc.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent),
    );
    expect(cells).toEqual([
      ['Saint-Denis', '12'],
      ["L'Haÿ-les-Roses", SECRET_CELL],
      ['Lens', '3'],
    ]);
    expect(doc.querySelector('tbody td:nth-child(2)')?.className).toBe('fr-cell--right');
  });

  it('shows a page table with its caption, row headers, a limit and an empty text', () => {
    const doc = table(
      renderToStaticMarkup(
        <DataTable
          caption="Tableau"
          rows={rows}
          columns={columns}
          variant="page"
          rowHeader
          limit={2}
        />,
      ),
    );
    expect(doc.querySelector('.fr-table--no-caption')).toBeNull();
    expect([...doc.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent)).toEqual([
      'Saint-Denis',
      "L'Haÿ-les-Roses",
    ]);
    expect(doc.body.textContent).toContain('… et 1 autres lignes');
    const empty = table(
      renderToStaticMarkup(
        <DataTable
          caption="Vide"
          rows={[]}
          columns={columns}
          variant="page"
          empty="Aucune ligne."
        />,
      ),
    );
    expect(empty.querySelector('tbody td')?.getAttribute('colspan')).toBe('2');
    expect(empty.querySelector('tbody')?.textContent).toBe('Aucune ligne.');
  });
});
