import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import id from './id.json';
import { formatFor } from '../lib/format';

type Language = 'id' | 'en';

/**
 * English is fetched when chosen, not with the first page: most users read Bahasa Indonesia
 * on phones over weak connections. Its readiness observations come from the templates the
 * service itself fills (contracts), so they travel with it.
 */
async function loadEnglish(): Promise<void> {
  if (i18n.hasResourceBundle('en', 'translation')) return;
  const [{ default: en }, { OBSERVATION_TEMPLATES }] = await Promise.all([
    import('./en.json'),
    import('@jembatan/contracts'),
  ]);
  i18n.addResourceBundle('en', 'translation', { ...en, observations: OBSERVATION_TEMPLATES });
}

// Bahasa Indonesia by default; the choice is remembered on the device.
const remembered = (localStorage.getItem('jembatan.lang') ?? 'id') as Language;
void i18n.use(initReactI18next).init({
  resources: { id: { translation: id } },
  lng: 'id',
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
});
if (remembered === 'en') void setLanguage('en');

export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem('jembatan.lang', lang);
  if (lang === 'en') await loadEnglish();
  formatFor(lang);
  await i18n.changeLanguage(lang);
}

export default i18n;
