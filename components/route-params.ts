/**
 * useParams() returns the route's segments still percent-encoded in Next 16 (as page params are);
 * decode them exactly once for display.
 */
import { useParams } from 'next/navigation';

function decodeOnce(raw: string | string[] | undefined): string | null {
  if (typeof raw !== 'string') return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function useDecodedParam(name: string): string | null {
  const params = useParams();
  return decodeOnce(params?.[name]);
}
