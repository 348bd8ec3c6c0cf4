import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { OBSERVATION_TEMPLATES } from '@jembatan/contracts';
import en from './en.json';
import id from './id.json';

// English readiness observations come from the templates the service itself fills.
export const resources = {
  id: { translation: id },
  en: { translation: { ...en, observations: OBSERVATION_TEMPLATES } },
} as const;

// Bahasa Indonesia by default; the choice is remembered on the device.
void i18n.use(initReactI18next).init({
  resources,
  lng: localStorage.getItem('jembatan.lang') ?? 'id',
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
});

export function setLanguage(lang: 'id' | 'en'): void {
  localStorage.setItem('jembatan.lang', lang);
  void i18n.changeLanguage(lang);
}

export default i18n;
