import { describe, expect, it } from 'vitest';
import { cellText, escapeCsvCell, toCsv } from './csv-export.js';

describe('CSV export', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(escapeCsvCell('=1+1')).toBe("'=1+1");
    expect(escapeCsvCell('+86 138')).toBe("'+86 138");
    expect(escapeCsvCell('-2')).toBe("'-2");
    expect(escapeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCsvCell('\t=cmd')).toBe("'\t=cmd");
    expect(escapeCsvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it('keeps numbers, harmless text and Chinese as they are; quotes commas, quotes and line breaks', () => {
    expect(escapeCsvCell(-5)).toBe('-5');
    expect(escapeCsvCell(3.5)).toBe('3.5');
    expect(escapeCsvCell('张三')).toBe('张三');
    expect(escapeCsvCell('a=b')).toBe('a=b');
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(escapeCsvCell(' padded')).toBe('" padded"');
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell(true)).toBe('true');
  });

  it('shows masks, names and lists instead of raw JSON, and never unmasks a secret', () => {
    expect(cellText({ sealed: true, masked: '••••••', ref: 'abc' })).toBe('••••••');
    expect(cellText([{ fileId: 'f1', name: 'a.pdf' }, { fileId: 'f2', name: 'b.pdf' }])).toBe('a.pdf; b.pdf');
    expect(cellText({ 'zh-CN': '笔记本', en: 'Laptop' })).toBe('笔记本');
    expect(escapeCsvCell(['-x', 'y'])).toBe("'-x; y");
  });

  it('writes a BOM, a header of labels and CRLF rows', () => {
    const csv = toCsv([{ key: 'name', label: '姓名' }, { key: 'n', label: 'N' }], [{ name: '=evil()', n: -1 }, { name: 'ok' }]);
    expect(csv).toBe("\uFEFF姓名,N\r\n'=evil(),-1\r\nok,\r\n");
  });
});
