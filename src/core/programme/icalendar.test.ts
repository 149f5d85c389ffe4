import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, writeCalendar } from './icalendar.js';

const NOW = new Date('2026-11-24T09:30:05Z');

describe('writeCalendar', () => {
  it('writes all-day events a real iCalendar parser reads back exactly', () => {
    const summary = '网上大学季度学习心得 2026-Q3, 第二稿; 含反斜杠\\ 与换行';
    const description = `状态：已逾期\n截止日期：2026-10-31\n${'很长的说明文字'.repeat(20)}`;
    const text = writeCalendar({
      name: '后备干部培养任务',
      now: NOW,
      events: [
        { uid: 'a1@houbei', date: '2026-10-31', summary, description },
        { uid: 'a2@houbei', date: '2028-02-29', summary: '闰日' },
      ],
    });
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(['a1@houbei', 'a2@houbei']);
    expect(events[0].summary).toBe(summary);
    expect(events[0].description).toBe(description);
    expect(events[0].startDate.isDate).toBe(true);
    expect(events[0].startDate.toString()).toBe('2026-10-31');
    expect(events[0].endDate.toString()).toBe('2026-11-01');
    expect(events[1].startDate.toString()).toBe('2028-02-29');
    expect(events[1].endDate.toString()).toBe('2028-03-01');
    expect(calendar.getFirstSubcomponent('vevent')?.getFirstPropertyValue('dtstamp')?.toString()).toBe(
      '2026-11-24T09:30:05Z',
    );
  });

  it('ends every line with CRLF and keeps every line within 75 octets', () => {
    const text = writeCalendar({
      name: '日历',
      now: NOW,
      events: [{ uid: 'x', date: '2026-01-31', summary: '长'.repeat(100), description: 'a,'.repeat(80) }],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });
});

describe('foldLine and escapeText', () => {
  it('folds without splitting a multi-byte character and unfolds to the original', () => {
    const line = `SUMMARY:${'后备干部'.repeat(12)}`;
    const folded = foldLine(line);
    expect(folded.split('\r\n ').join('')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('leaves short lines alone and escapes , ; \\ and newlines', () => {
    expect(foldLine('UID:x')).toBe('UID:x');
    expect(escapeText('a,b;c\\d\ne\r\nf')).toBe('a\\,b\\;c\\\\d\\ne\\nf');
  });
});
