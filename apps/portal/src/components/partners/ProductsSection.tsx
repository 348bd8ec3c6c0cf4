import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCT_LABELS, type ProductView } from '@jembatan/contracts';
import { api, upload } from '../../api/client';
import { send, useApiAction } from '../../lib/use-api-action';
import { useItems } from '../../lib/use-items';
import { useObjectUrl } from '../../lib/use-object-url';
import { rupiah } from '../../lib/format';

/** A product's photo, and for its assistant a way to add or replace it. */
function ProductPhoto({
  product,
  canManage,
  onUploaded,
}: {
  product: ProductView;
  canManage: boolean;
  onUploaded: () => void;
}) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const url = useObjectUrl(product.hasPhoto ? `/api/products/${product.id}/photo` : null, version);
  const { message, run } = useApiAction(() => {
    setVersion((n) => n + 1);
    onUploaded();
  });
  const send = (file: File | undefined) =>
    file &&
    void run(
      () => upload(`/api/products/${product.id}/photo`, file, file.type || 'image/jpeg'),
      t('products.photoSaved'),
    );
  return (
    <>
      {url && (
        <img className="thumb" src={url} alt={t('products.photoOf', { name: product.name })} />
      )}
      {canManage && (
        <label>
          {t(product.hasPhoto ? 'products.replacePhoto' : 'products.addPhoto')}
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(e) => send(e.target.files?.[0])}
          />
        </label>
      )}
      {message && <span role="status">{message}</span>}
    </>
  );
}

/** The family business's products (price, certificates), offered to bazaars and buyers. */
export function ProductsSection({ kpmId, canManage }: { kpmId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const products = useItems<ProductView>(`/api/kpm/${kpmId}/products`, reload);
  const [form, setForm] = useState({ name: '', price: '', unit: '', labels: [] as string[] });
  const { message, run } = useApiAction(() => {
    setForm({ name: '', price: '', unit: '', labels: [] });
    setReload((n) => n + 1);
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(
      () => api(`/api/kpm/${kpmId}/products`, send('POST', { ...form, price: Number(form.price) })),
      t('products.saved'),
    );
  }
  return (
    <section aria-labelledby="products-title">
      <h3 id="products-title">{t('products.title')}</h3>
      {products.length === 0 && <p>{t('products.none')}</p>}
      <ul>
        {products.map((p) => (
          <li key={p.id}>
            {p.name} · {rupiah(p.price)}/{p.unit}
            {p.labels.length > 0 &&
              ` · ${p.labels.map((l) => t(`productLabels.${l}`)).join(', ')}`}{' '}
            <ProductPhoto
              product={p}
              canManage={canManage}
              onUploaded={() => setReload((n) => n + 1)}
            />
          </li>
        ))}
      </ul>
      {canManage && (
        <form onSubmit={submit} aria-label={t('products.add')}>
          <label>
            {t('products.name')}
            <input
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              required
            />
          </label>
          <label>
            {t('products.price')}
            <input
              type="number"
              value={form.price}
              onChange={(e) => setForm({ ...form, price: e.target.value })}
              required
            />
          </label>
          <label>
            {t('products.unit')}
            <input
              value={form.unit}
              onChange={(e) => setForm({ ...form, unit: e.target.value })}
              required
            />
          </label>
          <fieldset>
            <legend>{t('products.labels')}</legend>
            {PRODUCT_LABELS.map((label) => (
              <label key={label}>
                <input
                  type="checkbox"
                  checked={form.labels.includes(label)}
                  onChange={() =>
                    setForm({
                      ...form,
                      labels: form.labels.includes(label)
                        ? form.labels.filter((l) => l !== label)
                        : [...form.labels, label],
                    })
                  }
                />
                {t(`productLabels.${label}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t('products.add')}</button>
          {message && <p role="status">{message}</p>}
        </form>
      )}
    </section>
  );
}
