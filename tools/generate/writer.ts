import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

const FLUSH_AT = 1 << 20;

/**
 * Writes one seed-format file ({"formatVersion": 1, "records": [...]}, one record per line) record by record,
 * holding at most about a megabyte in memory.
 */
export class RecordFileWriter {
  private readonly descriptor: number;
  private buffer = '';
  private first = true;
  count = 0;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.descriptor = openSync(file, 'w');
    this.buffer = '{"formatVersion":1,"records":[';
  }

  write(record: Record<string, unknown>): void {
    this.buffer += `${this.first ? '\n' : ',\n'}${JSON.stringify(record)}`;
    this.first = false;
    this.count += 1;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  close(): void {
    this.buffer += '\n]}\n';
    this.flush();
    closeSync(this.descriptor);
  }

  private flush(): void {
    writeSync(this.descriptor, this.buffer);
    this.buffer = '';
  }
}
