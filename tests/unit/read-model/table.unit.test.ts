import { describe, expect, it } from 'vitest';
import { openSqliteReadModel } from '../../../services/stores/read-model/sqlite-read-model.ts';
import { claimsTable, renderTable, talliesTable } from '../../../services/stores/read-model/table.ts';
import { asInput, firstWave, secondWave } from '../../fixtures/read-model/events.ts';

describe('tables', () => {
  it('pads columns to the widest cell without trailing spaces', () => {
    expect(
      renderTable(
        ['A', 'BB'],
        [
          ['≈ 1', 'x'],
          ['22', ''],
        ],
      ),
    ).toBe('A    BB\n───  ──\n≈ 1  x\n22');
  });

  it('shows each series with its latest figure, sources and a disputed mark', () => {
    const rm = openSqliteReadModel({ path: ':memory:' });
    rm.applyClaimsEvents([...firstWave(), ...secondWave()].map(asInput));
    const text = talliesTable(rm.listTallies());
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^TOPIC\s+SERIES\s+LATEST\s+AS OF\s+SOURCES\s+DISPUTED\s+UPDATED$/);
    expect(lines.find((l) => l.startsWith('settlements-captured'))).toMatch(
      /ukraine → russia · kursk-oblast\s+74\s+2024-08-13\s+3\s+⚠ disputed\s+2024-08-16 09:00/,
    );
    expect(lines.find((l) => l.startsWith('military-aid'))).toContain('≈ 1.6 M USD');
    expect(lines.find((l) => l.startsWith('territory-area'))).toContain('1,263 km²');
    expect(claimsTable(rm.listClaims({ limit: 10 }).claims).split('\n')).toHaveLength(2 + 6);
    rm.close();
  });
});
