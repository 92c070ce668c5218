import type { JsonTextDto } from '@/lib/wire';
import { formatBytes, formatCount } from '../format';

/** Preformatted JSON (or raw) text; React escapes it, so markup in a payload stays text. */
export function JsonBlock({ value, testId, tone = 'plain' }: { value: JsonTextDto; testId: string; tone?: 'plain' | 'error' }) {
  const border = tone === 'error' ? 'border-red-200 bg-red-50/40' : 'border-slate-200 bg-slate-50';
  return (
    <div>
      <pre data-testid={testId} className={`max-h-[32rem] overflow-auto rounded-md border ${border} p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-words text-slate-800`}>
        {value.text}
      </pre>
      <p className="mt-1 text-xs text-slate-500">
        {formatBytes(value.bytes)}
        {value.truncated && (
          <span data-testid={`${testId}-truncated`} className="ml-2 font-medium text-amber-700">
            truncated: only the first {formatCount(value.text.length)} characters are shown
          </span>
        )}
      </p>
    </div>
  );
}
