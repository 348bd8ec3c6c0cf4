import { P2K2_CATALOGUE } from '@jembatan/contracts/pure';

/** `economy-1` -> `Ekonomi 1: Mengelola Keuangan Keluarga` in the portal's language. */
export function sessionTitle(module: string, sessionNo: number, language: string): string {
  const entry = P2K2_CATALOGUE.find((m) => m.module === module);
  const session = entry?.sessions.find((s) => s.no === sessionNo);
  if (!entry || !session) return `${module}-${sessionNo}`;
  const lang = language === 'en' ? 'en' : 'id';
  return `${entry[lang]} ${sessionNo}: ${session[lang]}`;
}
