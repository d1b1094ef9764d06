import { useTranslations } from 'next-intl';

// Class names of app/globals.css: the skeleton is in the HTML and the payload of every streamed page.
const block = 'skeleton';
const card = 'card';

/** Placeholder in the shape of `PriceDashboardView`, shown while prices load. */
export function PriceDashboardSkeleton() {
  const t = useTranslations('Dashboard');
  return (
    <div aria-busy="true" className="space-y-6">
      <p role="status" className="sr-only">
        {t('loading')}
      </p>
      <div aria-hidden="true" className="space-y-6">
        <div className={`${card} grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end`}>
          <div className="space-y-2">
            <div className={`${block} h-4 w-32`} />
            <div className={`${block} h-12 w-56`} />
            <div className={`${block} h-5 w-28 rounded-full`} />
          </div>
          <div className="grid grid-cols-3 gap-3 sm:min-w-[22rem]">
            {[0, 1, 2].map((i) => (
              <div key={i} className={`${block} h-20`} />
            ))}
          </div>
        </div>
        <div className={card}>
          <div className="mb-3 flex justify-between gap-2">
            <div className={`${block} h-5 w-32`} />
            <div className={`${block} h-8 w-44`} />
          </div>
          <div className={`${block} h-56 sm:h-72`} />
          <div className={`${block} mt-2 h-3 w-full`} />
        </div>
        <div className={`${card} space-y-3`}>
          <div className={`${block} h-6 w-48`} />
          <div className="flex gap-3">
            <div className={`${block} h-11 w-32`} />
            <div className={`${block} h-11 w-48`} />
          </div>
          <div className={`${block} h-24`} />
        </div>
        <div className={`${block} h-12 rounded-xl`} />
      </div>
    </div>
  );
}
