import Link from 'next/link';

const base =
  'inline-flex items-center justify-center rounded-lg px-5 py-3 text-base font-semibold shadow-sm transition-colors';
const variants = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700',
  secondary:
    'border border-slate-300 bg-white text-slate-900 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800',
} as const;

/**
 * A link styled as a button. Auth routes are plain `<a>` elements on purpose:
 * they answer with redirects to another origin, which client-side
 * navigation cannot follow.
 */
export function ButtonLink({
  href,
  children,
  variant = 'primary',
  prefetch,
}: {
  href: string;
  children: React.ReactNode;
  variant?: keyof typeof variants;
  prefetch?: false;
}) {
  const className = `${base} ${variants[variant]}`;
  if (href.startsWith('/auth/')) {
    return (
      <a href={href} className={className}>
        {children}
      </a>
    );
  }
  return (
    <Link href={href} className={className} prefetch={prefetch}>
      {children}
    </Link>
  );
}
