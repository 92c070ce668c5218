/** Markdown table rendering. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "median (min–max)" */
export function spreadText(s: { min: number; median: number; max: number; n: number }, f: (x: number) => string): string {
  if (s.n === 0) return 'n/a';
  return s.n === 1 ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}
