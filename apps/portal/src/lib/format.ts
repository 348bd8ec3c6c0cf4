/** Whole rupiah as Indonesians write it: Rp 2.500.003. */
export const rupiah = (amount: number) => `Rp ${amount.toLocaleString('id-ID')}`;
