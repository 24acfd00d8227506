import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RowDigest, linesOf } from './backup.format.js';

const digestOf = (chunks: (string | Buffer)[]) => {
  const d = new RowDigest();
  for (const c of chunks) d.write(Buffer.from(c));
  d.end();
  return d;
};

describe('RowDigest', () => {
  it('gives the same checksum for the same rows in any order and however the stream is cut', () => {
    const a = digestOf(['1\t张三\n2\t李四\n3\t\\N\n']);
    // Cut every 5 bytes: through the middle of a character's UTF-8 bytes too.
    const text = Buffer.from('3\t\\N\n2\t李四\n1\t张三\n');
    const b = digestOf(Array.from({ length: Math.ceil(text.length / 5) }, (_, i) => text.subarray(i * 5, i * 5 + 5)));
    expect(b.rows).toBe(3);
    expect(b.checksum).toBe(a.checksum);
  });

  it('tells a duplicated row from a missing one, and a changed value from the original', () => {
    const base = digestOf(['1\ta\n2\tb\n']).checksum;
    expect(digestOf(['1\ta\n1\ta\n2\tb\n']).checksum).not.toBe(base);
    expect(digestOf(['1\ta\n']).checksum).not.toBe(base);
    expect(digestOf(['1\ta\n2\tc\n']).checksum).not.toBe(base);
  });

  it('refuses a stream that ends inside a row', () => {
    const d = new RowDigest();
    d.write(Buffer.from('1\ta\n2\tb'));
    expect(() => d.end()).toThrow(/inside a row/);
  });
});

describe('linesOf', () => {
  it('splits a stream into lines across chunk boundaries, the last without a newline', async () => {
    const lines: string[] = [];
    for await (const line of linesOf(Readable.from([Buffer.from('ab'), Buffer.from('c\nd'), Buffer.from('\n\ne')]))) lines.push(line.toString());
    expect(lines).toEqual(['abc', 'd', '', 'e']);
  });
});
