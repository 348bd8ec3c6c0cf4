import { useEffect, useState } from 'react';
import { fetchObjectUrl } from '../api/client';

/**
 * A picture the gateway serves behind the bearer token, as an object URL for <img> (null while
 * loading, when `path` is null or when it fails); released when the path changes or on unmount.
 * Bump `version` to fetch it again after a new upload.
 */
export function useObjectUrl(path: string | null, version = 0): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    setUrl(null);
    if (!path) return;
    let created: string | null = null;
    let live = true;
    void fetchObjectUrl(path).then((u) => {
      if (live) {
        created = u;
        setUrl(u);
      } else if (u) URL.revokeObjectURL(u);
    });
    return () => {
      live = false;
      if (created) URL.revokeObjectURL(created);
    };
  }, [path, version]);
  return url;
}
