import { createHash } from 'node:crypto';
import {
  HSDS_TAXONOMIES,
  type HsdsAttribute,
  type OfferKind,
  type PartnerKind,
} from '@jembatan/contracts';

/** Namespace of the ids derived below (a fixed random UUID). */
const NAMESPACE = Buffer.from('6f1c2a4e8b3d4f0a9c7e5b1d2f3a4c6e', 'hex');

/**
 * A name-based UUID (RFC 9562 version 5): the same thing always gets the same id, so a
 * partner's location, contacts and attributes keep their ids from one export to the next and
 * a directory that imported them can recognise them.
 */
export function derivedUuid(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u0000')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface Term {
  name: string;
  description: string;
}

/** Names of the directory's own classifications, in the portal's default language. */
const PARTNER_KIND_TERMS: Record<PartnerKind, Term> = {
  'csr-funder': { name: 'Pemberi dana CSR', description: 'Perusahaan yang menyalurkan dana CSR' },
  lender: {
    name: 'Lembaga pembiayaan',
    description: 'Bank, koperasi, lembaga keuangan mikro atau program pemerintah',
  },
  'training-provider': {
    name: 'Penyelenggara pelatihan',
    description: 'Pelatihan usaha dan keterampilan',
  },
  'business-tutor': { name: 'Pendamping usaha', description: 'Tutor atau mentor usaha' },
  'market-organiser': { name: 'Penyelenggara bazar', description: 'Bazar, pameran dan pasar' },
  buyer: { name: 'Pembeli', description: 'Hotel, ritel, katering atau pedagang besar' },
  'sentra-kemensos': {
    name: 'Sentra Kemensos',
    description: 'Gerai dan sentra Kementerian Sosial',
  },
  ngo: { name: 'LSM', description: 'Lembaga swadaya masyarakat' },
};

const OFFER_KIND_TERMS: Record<OfferKind, Term> = {
  training: { name: 'Pelatihan', description: 'Pelatihan usaha atau keterampilan' },
  loan: { name: 'Pinjaman', description: 'Produk pinjaman modal usaha' },
  grant: { name: 'Hibah', description: 'Bantuan modal usaha dari dana CSR atau program' },
  bazaar: { name: 'Lapak bazar', description: 'Tempat berjualan di bazar atau pasar' },
  'buyer-demand': { name: 'Permintaan pembeli', description: 'Pembeli mencari pemasok produk' },
  tutoring: { name: 'Pendampingan usaha', description: 'Sesi pendampingan oleh tutor usaha' },
};

/**
 * The attribute that classifies an organisation (partner kind) or a service (offer kind),
 * with Jembatan's structured fields as JSON in its value.
 */
export function classification(
  taxonomy: keyof typeof HSDS_TAXONOMIES,
  code: PartnerKind | OfferKind,
  link: { id: string; entity: 'organization' | 'service' },
  value: Record<string, unknown>,
): HsdsAttribute & { taxonomy_term: { language: string } } {
  const term =
    taxonomy === 'partnerKind'
      ? PARTNER_KIND_TERMS[code as PartnerKind]
      : OFFER_KIND_TERMS[code as OfferKind];
  const termId = derivedUuid('taxonomy-term', taxonomy, code);
  return {
    id: derivedUuid('attribute', link.id, taxonomy),
    link_id: link.id,
    link_entity: link.entity,
    link_type: taxonomy === 'partnerKind' ? 'partner_kind' : 'offer_kind',
    taxonomy_term_id: termId,
    value: JSON.stringify(value),
    taxonomy_term: {
      id: termId,
      code,
      name: term.name,
      description: term.description,
      taxonomy: HSDS_TAXONOMIES[taxonomy],
      language: 'id',
    },
  };
}

/** The classification of a taxonomy among an object's attributes, with its parsed value. */
export function classificationOf(
  attributes: readonly HsdsAttribute[] | undefined,
  taxonomy: keyof typeof HSDS_TAXONOMIES,
): { code: string; value: unknown } | null {
  const attribute = attributes?.find(
    (candidate) => candidate.taxonomy_term?.taxonomy === HSDS_TAXONOMIES[taxonomy],
  );
  const code = attribute?.taxonomy_term?.code;
  if (!attribute || !code) return null;
  try {
    return { code, value: attribute.value ? JSON.parse(attribute.value) : {} };
  } catch {
    return { code, value: null };
  }
}
