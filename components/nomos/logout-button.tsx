import { useTranslations } from 'next-intl';

/** A plain form POST: logging out works without JavaScript and cannot be triggered by a link. */
export function LogoutButton() {
  const t = useTranslations('Connect');
  return (
    <form method="post" action="/auth/logout">
      <button
        type="submit"
        className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {t('logout')}
      </button>
    </form>
  );
}
