import { statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { DemoPerson } from '../src/cli/demo-data.js';
import { generateUnits, iteratePeople } from '../src/cli/demo-data.js';
import {
  formatAssessments,
  formatResume,
  ROSTER_COLUMNS,
} from '../src/server/modules/people/people-import.columns.js';

/** A person as the cells of one roster row, in ROSTER_COLUMNS order (the form a user fills in). */
function cellsOf(person: DemoPerson): (string | null)[] {
  return ROSTER_COLUMNS.map((column) => {
    if (column.field === 'resume') return formatResume(person.resume);
    if (column.field === 'assessments') return formatAssessments(person.assessments);
    if (column.field === 'isMiddleManager') return person.isMiddleManager ? '是' : '否';
    const value = (person as Record<string, unknown>)[column.field];
    return value === null || value === undefined ? null : String(value);
  });
}

/**
 * Writes a roster of `rows` people of the tier's units with the streaming writer (flat memory), with
 * shared strings as Excel itself saves them — the reader must then cache them all, the harder case.
 */
export async function writeRoster(
  file: string,
  rows: number,
  unitCount: number,
): Promise<{ bytes: number; seconds: number }> {
  const started = performance.now();
  const units = generateUnits(unitCount);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('人员名册');
  sheet.addRow(ROSTER_COLUMNS.map((c) => c.header)).commit();
  // Employee numbers of their own ("R…"), so that every row creates a person.
  const people = iteratePeople({
    count: rows,
    unitCodes: units.map((u) => u.code),
    units,
    employeeNoPrefix: 'R',
    seed: 7,
  });
  for (const person of people) sheet.addRow(cellsOf(person)).commit();
  sheet.commit();
  await workbook.commit();
  return { bytes: statSync(file).size, seconds: (performance.now() - started) / 1000 };
}
