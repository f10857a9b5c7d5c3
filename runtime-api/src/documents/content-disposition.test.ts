import { describe, expect, it } from 'vitest';
import { contentDisposition, safeFileName } from './content-disposition.js';

describe('content disposition', () => {
  it('encodes a Chinese name per RFC 5987 with an ASCII fallback', () => {
    const header = contentDisposition('离职证明-张三.pdf', 'leaving-certificate.pdf');
    expect(header).toBe("attachment; filename=\"leaving-certificate.pdf\"; filename*=UTF-8''%E7%A6%BB%E8%81%8C%E8%AF%81%E6%98%8E-%E5%BC%A0%E4%B8%89.pdf");
    expect(decodeURIComponent(header.split("''")[1]!)).toBe('离职证明-张三.pdf');
  });

  it('keeps an ASCII name as it is', () => {
    expect(contentDisposition('Leaving certificate - Zhang San.pdf', 'x.pdf', 'inline')).toBe('inline; filename="Leaving certificate - Zhang San.pdf"');
  });

  it('strips separators, controls and quotes from file names', () => {
    expect(safeFileName('../../etc/passwd', 'doc')).toBe('_.._etc_passwd');
    expect(safeFileName('a"b\r\nc\\d', 'doc')).toBe('a_b_c_d');
    expect(safeFileName('  ..  ', 'doc')).toBe('doc');
    expect(safeFileName('离职证明-张三', 'doc')).toBe('离职证明-张三');
  });
});
