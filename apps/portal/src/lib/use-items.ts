import { useEffect, useState } from 'react';
import { api } from '../api/client';

/**
 * The `items` of a list route, loaded again whenever `path` or `reload` changes; empty while
 * loading or when the call fails (the screen shows its own empty state). Null `path`: no call.
 */
export function useItems<T>(path: string | null, reload = 0): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    if (path === null) return setItems([]);
    let current = true;
    api<{ items: T[] }>(path).then(
      (r) => current && setItems(r.items),
      () => current && setItems([]),
    );
    return () => {
      current = false;
    };
  }, [path, reload]);
  return items;
}
