/**
 * Reads a seed-format file ({"formatVersion": 1, "records": [...]}) one record at a time, with memory bounded by
 * the read buffer and the largest single record, never by the file.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 1 << 20;

/** The file is not JSON of the expected shape; `message` says where and what. */
export class RecordFileError extends Error {
  override name = 'RecordFileError';
}

/** What the envelope held besides the records (checked by the caller once the records are read). */
export interface Envelope {
  formatVersion: unknown;
  /** Top-level keys other than formatVersion and records. */
  otherKeys: string[];
  /** Whether "records" was present and an array. */
  hasRecords: boolean;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Yields each element of the top-level "records" array, parsed, in order; returns the rest of the envelope.
 * Throws RecordFileError when the text is not JSON or not an object at the top.
 */
export function* readRecordFile(file: string): Generator<unknown, Envelope> {
  const reader = new ChunkReader(file);
  try {
    const envelope: Envelope = { formatVersion: undefined, otherKeys: [], hasRecords: false };
    reader.expect('{', 'expected a JSON object at the top of the file');
    if (reader.peekSymbol() === '}') {
      reader.advance(1);
    } else {
      for (;;) {
        const key = reader.readString();
        reader.expect(':', `expected ":" after key "${key}"`);
        if (key === 'records' && reader.peekSymbol() === '[') {
          envelope.hasRecords = true;
          reader.advance(1);
          if (reader.peekSymbol() === ']') reader.advance(1);
          else {
            for (;;) {
              yield reader.readValue();
              const separator = reader.peekSymbol();
              reader.advance(1);
              if (separator === ']') break;
              if (separator !== ',') throw reader.error(`expected "," or "]" in "records", found ${describe(separator)}`);
            }
          }
        } else {
          const value = reader.readValue();
          if (key === 'formatVersion') envelope.formatVersion = value;
          else envelope.otherKeys.push(key);
        }
        const separator = reader.peekSymbol();
        reader.advance(1);
        if (separator === '}') break;
        if (separator !== ',') throw reader.error(`expected "," or "}" in the top-level object, found ${describe(separator)}`);
      }
    }
    if (reader.peekSymbol() !== undefined) throw reader.error('unexpected text after the top-level object');
    return envelope;
  } finally {
    reader.close();
  }
}

function describe(symbol: string | undefined): string {
  return symbol === undefined ? 'the end of the file' : JSON.stringify(symbol);
}

/** A window over the file's text that grows at the end and drops what was consumed. */
class ChunkReader {
  private readonly descriptor: number;
  private readonly decoder = new StringDecoder('utf8');
  private readonly bytes = Buffer.allocUnsafe(CHUNK_BYTES);
  private text = '';
  private position = 0;
  private consumedBefore = 0;
  private ended = false;

  constructor(file: string) {
    this.descriptor = openSync(file, 'r');
  }

  close(): void {
    closeSync(this.descriptor);
  }

  error(message: string): RecordFileError {
    return new RecordFileError(`${message} (at character ${this.consumedBefore + this.position})`);
  }

  /** Reads more text; false at the end of the file. */
  private fill(): boolean {
    if (this.ended) return false;
    const read = readSync(this.descriptor, this.bytes, 0, CHUNK_BYTES, null);
    if (read === 0) {
      this.ended = true;
      this.text = this.text.slice(this.position) + this.decoder.end();
    } else {
      this.text = this.text.slice(this.position) + this.decoder.write(this.bytes.subarray(0, read));
    }
    this.consumedBefore += this.position;
    this.position = 0;
    return true;
  }

  /** The next non-blank character (not consumed), or undefined at the end. */
  peekSymbol(): string | undefined {
    for (;;) {
      while (this.position < this.text.length && WHITESPACE.has(this.text.charCodeAt(this.position))) this.position += 1;
      if (this.position < this.text.length) return this.text[this.position];
      if (!this.fill()) return undefined;
    }
  }

  advance(count: number): void {
    this.position += count;
  }

  expect(symbol: string, message: string): void {
    const found = this.peekSymbol();
    if (found !== symbol) throw this.error(`${message}, found ${describe(found)}`);
    this.advance(1);
  }

  readString(): string {
    if (this.peekSymbol() !== '"') throw this.error(`expected a key in double quotes, found ${describe(this.peekSymbol())}`);
    const value = this.readValue();
    if (typeof value !== 'string') throw this.error(`expected a key in double quotes, found ${JSON.stringify(value)}`);
    return value;
  }

  /** Parses the JSON value starting at the next non-blank character. */
  readValue(): unknown {
    const first = this.peekSymbol();
    if (first === undefined) throw this.error('unexpected end of the file');
    let end = this.scanValueEnd();
    while (end < 0) {
      if (!this.fill()) throw this.error('unexpected end of the file inside a value');
      end = this.scanValueEnd();
    }
    const slice = this.text.slice(this.position, end);
    try {
      const value: unknown = JSON.parse(slice);
      this.position = end;
      return value;
    } catch (error) {
      throw this.error(error instanceof Error ? error.message : String(error));
    }
  }

  /** Where the value starting at `position` ends (exclusive), or -1 when the text does not yet hold all of it. */
  private scanValueEnd(): number {
    const text = this.text;
    const start = this.position;
    const first = text.charCodeAt(start);
    if (first === 0x7b || first === 0x5b) {
      let depth = 0;
      let inString = false;
      for (let index = start; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        if (inString) {
          if (code === 0x5c) index += 1;
          else if (code === 0x22) inString = false;
        } else if (code === 0x22) inString = true;
        else if (code === 0x7b || code === 0x5b) depth += 1;
        else if (code === 0x7d || code === 0x5d) {
          depth -= 1;
          if (depth === 0) return index + 1;
        }
      }
      return -1;
    }
    if (first === 0x22) {
      for (let index = start + 1; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        if (code === 0x5c) index += 1;
        else if (code === 0x22) return index + 1;
      }
      return -1;
    }
    // a number, true, false or null: ends at a delimiter
    for (let index = start; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === 0x2c || code === 0x5d || code === 0x7d || WHITESPACE.has(code)) return index;
    }
    return this.ended ? text.length : -1;
  }
}
