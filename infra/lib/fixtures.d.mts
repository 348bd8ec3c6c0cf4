export function syntheticNik(district: string, n: number): string;
