/**
 * The results folder of one run: bench/results/<UTC stamp>/ with results.jsonl (every record as
 * it is made), summary.md, and the bundled measurement processes (build/).
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnyRecord, type AnyRec } from './records';

export function utcStamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export class ResultLog {
  readonly file: string;
  readonly records: AnyRec[] = [];

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'results.jsonl');
  }

  /** Checks a record against its schema, keeps it and appends it to results.jsonl. */
  write(record: Record<string, unknown>): AnyRec {
    const parsed = AnyRecord.safeParse(record);
    const rec: AnyRec = parsed.success
      ? parsed.data
      : { kind: 'error', system: String(record.system ?? '?'), scenario: String(record.kind ?? '?'), message: `malformed record: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} in ${JSON.stringify(record).slice(0, 300)}` };
    appendFileSync(this.file, `${JSON.stringify(rec)}\n`);
    this.records.push(rec);
    return rec;
  }
}

/** Reads results.jsonl back, each line checked against the schemas (throws on a bad line). */
export function readResults(file: string): AnyRec[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => AnyRecord.parse(JSON.parse(line)));
}
