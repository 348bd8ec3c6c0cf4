// Shared by the benchmarks that load data through the API: a bounded worker pool.

/** Runs `work(item, index)` over `items` with at most `limit` at once; results in order. */
export async function inParallel(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}
