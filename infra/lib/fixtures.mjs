// Synthetic but valid test data shared by the end-to-end tests and the benchmarks.

/**
 * The `n`-th valid NIK of a woman registered in `district` (e.g. '31.75.01'): `n` is spread over
 * day (28), month (12), year (100) and serial (9,999), so 33 million values are distinct.
 */
export function syntheticNik(district, n) {
  const day = String(41 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  const year = String(Math.floor(n / 336) % 100).padStart(2, '0');
  const serial = String(1 + (Math.floor(n / 33_600) % 9999)).padStart(4, '0');
  return `${district.replaceAll('.', '')}${day}${month}${year}${serial}`;
}
