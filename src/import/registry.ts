/**
 * Compact in-memory indexes for validating a dataset in one streaming pass: every id with its kind and record
 * number (exact: ids are kept as bytes in one arena, about 20 bytes per id instead of a Map's ~100), and the
 * (from, to) pairs of one relationship file as 64-bit fingerprints (12 bytes a pair; a fingerprint match is only
 * a suspect, confirmed against the file by the caller).
 */

const EMPTY = 0;

function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** A well-mixed 32-bit hash of a string (for spreading keys over lanes or slots). */
export function hashOf(text: string): number {
  return fnv1a(text, 0x811c9dc5);
}

/** fnv1a over ASCII bytes: the same value as `fnv1a` over the string they spell. */
function fnv1aBytes(bytes: Uint8Array, offset: number, length: number): number {
  let hash = 0x811c9dc5;
  for (let index = offset; index < offset + length; index += 1) {
    hash ^= bytes[index]!;
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** The location of an id: which kind's file and which record in it. */
export interface IdLocation {
  kind: number;
  record: number;
}

/** Ids (ASCII, as the format requires) → kind number and record index; exact. */
export class IdRegistry {
  private slots = new Uint32Array(1 << 16);
  private offsets = new Uint32Array(1 << 12);
  private lengths = new Uint16Array(1 << 12);
  private kinds = new Uint8Array(1 << 12);
  private records = new Uint32Array(1 << 12);
  private arena = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  size = 0;

  /** Adds the id; returns the earlier location when the id was already there (and leaves it unchanged). */
  add(id: string, kind: number, record: number): IdLocation | undefined {
    const slot = this.find(id);
    const existing = this.slots[slot]!;
    if (existing !== EMPTY) return { kind: this.kinds[existing - 1]!, record: this.records[existing - 1]! };
    if ((this.size + 1) * 2 > this.slots.length) {
      this.grow();
      return this.add(id, kind, record);
    }
    const entry = this.size;
    if (entry >= this.offsets.length) this.growEntries();
    while (this.arenaUsed + id.length > this.arena.length) {
      const larger = new Uint8Array(this.arena.length * 2);
      larger.set(this.arena);
      this.arena = larger;
    }
    for (let index = 0; index < id.length; index += 1) this.arena[this.arenaUsed + index] = id.charCodeAt(index);
    this.offsets[entry] = this.arenaUsed;
    this.lengths[entry] = id.length;
    this.kinds[entry] = kind;
    this.records[entry] = record;
    this.arenaUsed += id.length;
    this.slots[slot] = entry + 1;
    this.size += 1;
    return undefined;
  }

  /** The kind number of the id, or undefined when absent. */
  kindOf(id: string): number | undefined {
    const existing = this.slots[this.find(id)]!;
    return existing === EMPTY ? undefined : this.kinds[existing - 1];
  }

  /** Bytes held (for reports). */
  get bytes(): number {
    return this.slots.byteLength + this.offsets.byteLength + this.lengths.byteLength + this.kinds.byteLength + this.records.byteLength + this.arena.byteLength;
  }

  private find(id: string): number {
    const mask = this.slots.length - 1;
    let slot = fnv1a(id, 0x811c9dc5) & mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY || this.equals(entry - 1, id)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private equals(entry: number, id: string): boolean {
    if (this.lengths[entry] !== id.length) return false;
    const offset = this.offsets[entry]!;
    for (let index = 0; index < id.length; index += 1) if (this.arena[offset + index] !== id.charCodeAt(index)) return false;
    return true;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (const entry of old) {
      if (entry === EMPTY) continue;
      const offset = this.offsets[entry - 1]!;
      let slot = fnv1aBytes(this.arena, offset, this.lengths[entry - 1]!) & mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.slots[slot] = entry;
    }
  }

  private growEntries(): void {
    const capacity = this.offsets.length * 2;
    const grow = <T extends Uint32Array | Uint16Array | Uint8Array>(array: T, make: (length: number) => T): T => {
      const larger = make(capacity);
      larger.set(array);
      return larger;
    };
    this.offsets = grow(this.offsets, (length) => new Uint32Array(length));
    this.lengths = grow(this.lengths, (length) => new Uint16Array(length));
    this.kinds = grow(this.kinds, (length) => new Uint8Array(length));
    this.records = grow(this.records, (length) => new Uint32Array(length));
  }
}

/** (from, to) fingerprints of one relationship file → the first record that had them. */
export class PairFingerprints {
  private high = new Uint32Array(1 << 12);
  private low = new Uint32Array(1 << 12);
  private records = new Int32Array(1 << 12).fill(-1);
  private size = 0;

  /** Adds the pair; returns the record of an earlier pair with the same fingerprint (a suspected duplicate). */
  add(from: string, to: string, record: number): number | undefined {
    if ((this.size + 1) * 2 > this.records.length) this.grow();
    const key = `${from}\u0000${to}`;
    const high = fnv1a(key, 0x811c9dc5);
    const low = (fnv1a(key, 0x2166136b) | 1) >>> 0;
    const earlier = this.insert(high, low, record);
    if (earlier === undefined) this.size += 1;
    return earlier;
  }

  private insert(high: number, low: number, record: number): number | undefined {
    const mask = this.records.length - 1;
    let slot = (high ^ Math.imul(low, 0x9e3779b1)) & mask;
    for (;;) {
      const existing = this.records[slot]!;
      if (existing === -1) {
        this.high[slot] = high;
        this.low[slot] = low;
        this.records[slot] = record;
        return undefined;
      }
      if (this.high[slot] === high && this.low[slot] === low) return existing;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const [high, low, records] = [this.high, this.low, this.records];
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    this.records = new Int32Array(records.length * 2).fill(-1);
    for (let slot = 0; slot < records.length; slot += 1) if (records[slot] !== -1) this.insert(high[slot]!, low[slot]!, records[slot]!);
  }
}
